import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountersignError } from '../../../shared/errors';
import type { InitProjectRequest } from '../../../shared/projectSetup';
import { buildDeb, signRelease, writeRepository } from '../lib/apt/testing/aptRepositoryFactory';
import { GnupgHome } from '../lib/gpg/gnupgHome';
import { loadProject } from '../lib/project/projectStore';
import { makeDemo } from '../../testing/demoFixture';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import { checkCiSource } from './checkCiSource';
import { fetchProjectTags } from './fetchTags';
import { initProject } from './initProject';
import { inspectKeys } from './readKeySources';
import { inspectSource } from './inspectSource';

const QUIET: JobReporter = { phase: () => {}, log: () => {} };
const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'M',
  GIT_AUTHOR_EMAIL: 'm@example.org',
  GIT_COMMITTER_NAME: 'M',
  GIT_COMMITTER_EMAIL: 'm@example.org',
};
const git = (cwd: string, ...args: string[]) => {
  const result = spawnSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
};

let demo: Awaited<ReturnType<typeof makeDemo>>;
let work: string;
let savedHome: string | undefined;
let savedGnupg: string | undefined;
let userGpg: GnupgHome;
let ci: { root: string; key: string; otherKey: string };
let daemon: ChildProcess | null = null;
let daemonUrl = '';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** `git daemon` on 127.0.0.1 serving the demo's repository, as a team's git server would. */
async function startGitDaemon(base: string): Promise<string> {
  const port = await freePort();
  daemon = spawn(
    'git',
    [
      'daemon',
      '--reuseaddr',
      '--export-all',
      `--base-path=${base}`,
      '--listen=127.0.0.1',
      `--port=${port}`,
      base,
    ],
    { env: GIT_ENV, stdio: 'ignore' },
  );
  const url = `git://127.0.0.1:${port}/source`;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (spawnSync('git', ['ls-remote', url], { env: GIT_ENV }).status === 0) return url;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('git daemon did not start');
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cs-setup-'));
  savedHome = process.env.COUNTERSIGN_HOME;
  process.env.COUNTERSIGN_HOME = join(work, 'home');
  process.env.COUNTERSIGN_CACHE = join(work, 'cache');
  demo = await makeDemo();
  daemonUrl = await startGitDaemon(join(demo.dir));

  // The user's own GnuPG keyring, holding the maintainer's public key.
  userGpg = await GnupgHome.create();
  await userGpg.run(['--import', join(demo.dir, 'keys', 'maintainer.asc')]);
  savedGnupg = process.env.GNUPGHOME;
  process.env.GNUPGHOME = userGpg.home;

  // CI's apt repository, signed by a CI key made with real GnuPG.
  const ciGpg = await GnupgHome.create();
  const fingerprint = await ciGpg.generateKey('CI <ci@example.org>');
  const other = await ciGpg.generateKey('Someone else <else@example.org>');
  const root = join(work, 'apt-test');
  const deb = await buildDeb(work, { name: 'hello', version: '1.0.0', architecture: 'all' });
  await writeRepository(root, [deb], {
    suite: 'stable',
    codename: 'stable',
    component: 'main',
    architectures: ['amd64', 'all'],
    indexer: 'countersign',
  });
  await signRelease(root, 'stable', ciGpg, [fingerprint]);
  await writeFile(join(work, 'ci.asc'), await ciGpg.exportPublic(fingerprint));
  await writeFile(join(work, 'other.asc'), await ciGpg.exportPublic(other));
  ci = { root, key: join(work, 'ci.asc'), otherKey: join(work, 'other.asc') };
}, 120_000);

afterAll(async () => {
  daemon?.kill();
  if (savedHome === undefined) delete process.env.COUNTERSIGN_HOME;
  else process.env.COUNTERSIGN_HOME = savedHome;
  if (savedGnupg === undefined) delete process.env.GNUPGHOME;
  else process.env.GNUPGHOME = savedGnupg;
  delete process.env.COUNTERSIGN_CACHE;
  await demo?.remove();
  await rm(work, { recursive: true, force: true });
});

const maintainerFile = () => join(demo.dir, 'keys', 'maintainer.asc');
const request = (dir: string, extra: Partial<InitProjectRequest> = {}): InitProjectRequest => ({
  dir: join(work, dir),
  source: demo.repoPath,
  signers: [{ kind: 'file', path: maintainerFile() }],
  ...extra,
});

/** Refused with `code`, and nothing of the project left behind. */
async function refused(input: InitProjectRequest, code: string): Promise<CountersignError> {
  const error = await initProject(input, QUIET).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CountersignError);
  expect((error as CountersignError).code).toBe(code);
  expect(existsSync(join(input.dir, 'project.json'))).toBe(false);
  expect(existsSync(join(input.dir, 'source.git'))).toBe(false);
  return error as CountersignError;
}

describe('countersign init, the engine function', () => {
  it('sets up a project from a local repository whose tags then verify', async () => {
    const { projectFile, config } = await initProject(
      request('local', {
        name: 'hello',
        aptProd: { path: join(work, 'local', 'apt-prod'), url: 'https://apt.example.org/' },
        ci: { source: `apt:${ci.root}`, keys: [{ kind: 'file', path: ci.key }], suite: 'stable' },
      }),
      QUIET,
    );
    expect(config.id).toMatch(/^hello-[0-9a-f]{8}$/);
    expect(config.rebuild?.preset).toBe('debian');
    expect(config.aptProd).toMatchObject({ path: 'apt-prod', url: 'https://apt.example.org/' });
    expect(config.ci?.repositoryKeys).toHaveLength(1);
    const project = await loadProject(projectFile);
    expect(project.trustedKeys).toHaveLength(1);
    expect(existsSync(join(work, 'local', 'apt-prod'))).toBe(true);
  });

  it("takes a signer by fingerprint from the user's GnuPG keyring", async () => {
    const { config } = await initProject(
      request('by-fingerprint', {
        signers: [{ kind: 'gpg', fingerprint: demo.maintainer.primary }],
      }),
      QUIET,
    );
    expect(config.trustedSigners.map(({ fingerprint }) => fingerprint)).toEqual([
      demo.maintainer.primary,
    ]);
    const shown = await inspectKeys([{ kind: 'gpg', fingerprint: demo.maintainer.primary }]);
    expect(shown.keys[0]?.userIds).toContain(demo.maintainer.userId);
  });

  it('mirrors a URL source from a git server as a bare clone, and fetches new tags on demand', async () => {
    const { projectFile, config } = await initProject(
      request('from-url', { source: daemonUrl }),
      QUIET,
    );
    expect(config.source).toEqual({ repo: 'source.git', url: daemonUrl });
    expect(git(join(work, 'from-url', 'source.git'), 'rev-parse', '--is-bare-repository')).toBe(
      'true',
    );
    const project = await loadProject(projectFile);
    expect(await fetchProjectTags(project, QUIET)).toMatchObject({ newTags: [], movedTags: [] });

    git(demo.repoPath, 'commit', '-q', '--allow-empty', '-m', 'next');
    git(demo.repoPath, 'tag', '-a', '-m', 'v1.1.0', 'v1.1.0');
    git(demo.repoPath, 'tag', '-f', '-a', '-m', 'moved', demo.tags.rc);
    const fetched = await fetchProjectTags(project, QUIET);
    expect(fetched.newTags).toEqual(['v1.1.0']);
    // A tag the mirror holds is never moved by a fetch: it is reported.
    expect(fetched.movedTags).toEqual([demo.tags.rc]);
  });

  it('refuses a fetch for a project whose source is a local folder', async () => {
    const { projectFile } = await initProject(request('fetch-local'), QUIET);
    await expect(fetchProjectTags(await loadProject(projectFile), QUIET)).rejects.toMatchObject({
      code: 'NOT_A_MIRROR',
    });
  });

  it('refuses every bad answer with its code, leaving nothing behind', async () => {
    await mkdir(join(work, 'plain-folder'));
    await refused(request('r1', { source: join(work, 'plain-folder') }), 'NOT_A_GIT_REPOSITORY');
    await refused(request('r2', { source: join(work, 'missing') }), 'NOT_A_GIT_REPOSITORY');
    await refused(request('r3', { source: 'git://127.0.0.1:1/none' }), 'FETCH_FAILED');
    await refused(
      request('r4', { signers: [{ kind: 'file', path: demo.projectFile }] }),
      'NOT_OPENPGP',
    );
    const secret = await refused(
      request('r5', {
        signers: [{ kind: 'file', path: join(demo.dir, 'keys', 'release-key.asc') }],
      }),
      'INVALID_KEY',
    );
    expect(secret.message).toMatch(/secret key/);
    await refused(
      request('r6', { signers: [{ kind: 'gpg', fingerprint: 'A'.repeat(40) }] }),
      'KEY_NOT_IN_KEYRING',
    );
    await refused(
      request('r7', { ci: { source: join(work, 'no-such-ci'), keys: [] } }),
      'SOURCE_UNREADABLE',
    );
    await refused(
      request('r8', {
        ci: { source: `apt:${ci.root}`, keys: [{ kind: 'file', path: ci.otherKey }] },
      }),
      'REPOSITORY_SIGNATURE_INVALID',
    );
    await refused(request('r9', { ci: { source: `apt:${ci.root}`, keys: [] } }), 'INVALID_KEYRING');
    expect(await readdir(work)).not.toContain('r1');
  });

  it('refuses a folder that already holds a project, and an identity another project holds', async () => {
    await initProject(request('taken', { id: 'taken-id' }), QUIET);
    const before = await readFile(join(work, 'taken', 'project.json'), 'utf8');
    await expect(initProject(request('taken'), QUIET)).rejects.toMatchObject({
      code: 'PROJECT_EXISTS',
    });
    expect(await readFile(join(work, 'taken', 'project.json'), 'utf8')).toBe(before);
    // The identity is claimed when the project first keeps a review.
    const { releaseFolder } = await import('../lib/project/releaseFolder');
    await releaseFolder(await loadProject(join(work, 'taken', 'project.json')), 'v1.0.0');
    await refused(request('copy', { id: 'taken-id' }), 'PROJECT_ID_IN_USE');
  });
});

describe('checking answers one at a time', () => {
  it("reads CI's apt Release and says who signed it and how many packages it lists", async () => {
    const checked = await checkCiSource(
      { source: `apt:${ci.root}`, keys: [{ kind: 'file', path: ci.key }] },
      work,
      QUIET,
    );
    expect(checked).toMatchObject({ kind: 'apt', apt: { suite: 'stable', packages: 1 } });
  });

  it('reads the Debian source, version and suite from debian/changelog at the newest tag', async () => {
    const inspection = await inspectSource(demo.repoPath, QUIET);
    expect(inspection.kind).toBe('local');
    expect(inspection.tags).toContain(demo.tags.release);
    expect(inspection.debian?.source).toBe('countersign-hello');
    expect(inspection.recipe?.preset).toBe('debian');
    expect(inspection.recipeNote).toMatch(/base/);
  });
});
