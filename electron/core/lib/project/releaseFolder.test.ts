import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAuditEntry, checkAuditChain, readAuditEntries } from '../../audit/auditLog';
import { reviewFolder } from './countersignHome';
import { loadProject, type LoadedProject } from './projectStore';
import { foreignLegacyFolder, releaseFolder } from './releaseFolder';

const SIGNER = 'A'.repeat(40);
let dir: string;
let savedHome: string | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cs-release-folder-'));
  savedHome = process.env.COUNTERSIGN_HOME;
  process.env.COUNTERSIGN_HOME = join(dir, 'home');
});
afterEach(async () => {
  if (savedHome === undefined) delete process.env.COUNTERSIGN_HOME;
  else process.env.COUNTERSIGN_HOME = savedHome;
  await rm(dir, { recursive: true, force: true });
});

/** A project folder with a repository holding an annotated tag v1.0.0; returns the project and its tag object. */
async function makeProject(
  name: string,
  folder: string,
  id?: string,
): Promise<{ project: LoadedProject; tagObject: string }> {
  const repo = join(dir, folder, 'source');
  await mkdir(repo, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: repo,
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    })
      .toString()
      .trim();
  git('init', '-q');
  await writeFile(join(repo, 'README'), folder);
  git('add', 'README');
  git('-c', 'user.name=M', '-c', 'user.email=m@example.org', 'commit', '-qm', 'release');
  git('-c', 'user.name=M', '-c', 'user.email=m@example.org', 'tag', '-a', '-m', 'v1.0.0', 'v1.0.0');
  const file = join(dir, folder, 'project.json');
  // The trust list is read from config only here; loadProject checks pins, which these tests do not need.
  await writeFile(
    file,
    JSON.stringify({ ...(id ? { id } : {}), name, source: { repo: 'source' }, trustedSigners: [] }),
  );
  const project = await loadProject(file);
  project.config.trustedSigners = [{ fingerprint: SIGNER, publicKey: 'unused' }];
  return { project, tagObject: git('rev-parse', 'refs/tags/v1.0.0') };
}

/** A review folder as an earlier Countersign kept it: under the display name only. */
async function legacyReview(name: string, tagObject: string, signer = SIGNER): Promise<string> {
  const folder = reviewFolder(name, 'v1.0.0');
  await appendAuditEntry(folder, 'tag-verified', { tag: 'v1.0.0', tagObject, signer });
  return folder;
}

describe('releaseFolder', () => {
  it('keeps two projects of one name apart', async () => {
    const { project: first } = await makeProject('hello', 'a');
    const { project: second } = await makeProject('hello', 'b');
    expect(first.id).not.toBe(second.id);
    expect(await releaseFolder(first, 'v1.0.0')).not.toBe(await releaseFolder(second, 'v1.0.0'));
  });

  it("adopts a name-only folder whose log shows this project's tag and signer", async () => {
    const { project, tagObject } = await makeProject('hello', 'a', 'hello-1');
    const legacy = await legacyReview('hello', tagObject);
    const folder = await releaseFolder(project, 'v1.0.0');
    expect(folder).toBe(reviewFolder('hello-1', 'v1.0.0'));
    expect(existsSync(legacy)).toBe(false);
    const entries = await readAuditEntries(folder);
    expect(entries.map(({ kind }) => kind)).toEqual(['tag-verified', 'review-folder-adopted']);
    expect((await checkAuditChain(folder)).intact).toBe(true);
  });

  it("leaves another project's folder alone and says why", async () => {
    const { project: other } = await makeProject('hello', 'other');
    const { tagObject: othersTag } = await makeProject('hello', 'theirs');
    const legacy = await legacyReview('hello', othersTag);
    const folder = await releaseFolder(other, 'v1.0.0');
    expect(folder).not.toBe(legacy);
    expect(existsSync(legacy)).toBe(true);
    expect(existsSync(join(folder, 'audit.jsonl'))).toBe(false);
    expect((await foreignLegacyFolder(other, 'v1.0.0'))?.reason).toMatch(/another tag object/);
  });

  it('leaves a folder alone whose tag was verified with a key outside the trust list', async () => {
    const { project, tagObject } = await makeProject('hello', 'a', 'hello-2');
    await legacyReview('hello', tagObject, 'B'.repeat(40));
    await releaseFolder(project, 'v1.0.0');
    expect((await foreignLegacyFolder(project, 'v1.0.0'))?.reason).toMatch(/outside this project/);
  });

  it('refuses a copied project file that claims an identity in use', async () => {
    const { project } = await makeProject('hello', 'a', 'hello-3');
    await releaseFolder(project, 'v1.0.0');
    await mkdir(join(dir, 'copy'));
    await copyFile(project.file, join(dir, 'copy', 'project.json'));
    const copy = await loadProject(join(dir, 'copy', 'project.json'));
    await expect(releaseFolder(copy, 'v1.0.0')).rejects.toMatchObject({
      code: 'PROJECT_ID_IN_USE',
    });
  });
});
