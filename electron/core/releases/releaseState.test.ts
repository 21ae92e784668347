import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArtifactComparison, CompareResult } from '../../../shared/compare';
import type { ProjectConfig } from '../../../shared/project';
import type { BuildInfo } from '../../../shared/rebuild';
import { appendAuditEntry } from '../audit/auditLog';
import { reviewFolder } from '../lib/project/countersignHome';
import type { LoadedProject } from '../lib/project/projectStore';
import { saveComparison } from '../lib/reviewFolder/compareStore';
import { recordDecisions } from '../lib/reviewFolder/decisions';
import { reportFolder, saveReportTree } from '../lib/reviewFolder/reportStore';
import { releaseState } from './releaseState';
import { untouchedRelease } from './testing/sampleReleases';

const sha = (c: string) => c.repeat(64);
const IMAGE = `debian@sha256:${sha('8')}`;
const TAGGED = '2026-11-30T08:00:00+01:00';
let dir: string;
let savedHome: string | undefined;
let project: LoadedProject;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cs-release-state-'));
  savedHome = process.env.COUNTERSIGN_HOME;
  process.env.COUNTERSIGN_HOME = join(dir, 'home');
  // Only the identity, the name and the repository are read; the repository is never a git one here.
  project = {
    file: join(dir, 'project.json'),
    id: 'hello-3f2a',
    config: { name: 'hello', trustedSigners: [] } as unknown as ProjectConfig,
    repoPath: dir,
    trustedKeys: [],
  };
});
afterEach(async () => {
  if (savedHome === undefined) delete process.env.COUNTERSIGN_HOME;
  else process.env.COUNTERSIGN_HOME = savedHome;
  await rm(dir, { recursive: true, force: true });
});

const folderOf = (tag: string) => reviewFolder(project.id, tag);

function buildInfo(overrides: Partial<BuildInfo>): BuildInfo {
  return {
    tag: 'v1.0.0',
    commit: '1'.repeat(40),
    image: { reference: IMAGE, id: `sha256:${sha('9')}` },
    recipe: {
      base: { kind: 'image', image: IMAGE },
      preset: 'debian',
      artifacts: ['*.deb'],
      env: {},
    },
    sourceDateEpoch: 1700000000,
    environment: {},
    buildPath: '/build/src',
    tools: {},
    startedAt: '2026-12-01T10:00:00.000Z',
    finishedAt: '2026-12-01T10:05:00.000Z',
    artifacts: [
      { name: 'hello_1.0_amd64.deb', sha256: sha('a'), size: 10 },
      { name: 'hello_1.0_amd64.buildinfo', sha256: sha('b'), size: 10 },
    ],
    ...overrides,
  };
}

async function writeBuild(folder: string, name: 'rebuild' | 'rebuild-varied', info: BuildInfo) {
  await mkdir(join(folder, name), { recursive: true });
  await writeFile(join(folder, name, 'buildinfo.json'), JSON.stringify(info));
}

const deb = (pkg: string, status: ArtifactComparison['status']): ArtifactComparison => ({
  key: `deb:${pkg}_1.0_amd64`,
  name: `${pkg}_1.0_amd64.deb`,
  status,
  ci: { path: `${pkg}.deb`, size: 10, sha256: sha('c'), deb: null },
  local: {
    path: `${pkg}.deb`,
    size: 10,
    sha256: sha(status === 'identical' ? 'c' : 'd'),
    deb: null,
  },
});

async function compare(folder: string, artifacts: ArtifactComparison[]) {
  const comparison: CompareResult = {
    ci: { kind: 'folder', location: '/ci', repository: null, skipped: [] },
    local: { kind: 'folder', location: '/local', repository: null, skipped: [] },
    artifacts,
    summary: {
      identical: artifacts.filter((a) => a.status === 'identical').length,
      differs: artifacts.filter((a) => a.status === 'differs').length,
      onlyCi: artifacts.filter((a) => a.status === 'only-ci').length,
      onlyLocal: artifacts.filter((a) => a.status === 'only-local').length,
    },
    identical: artifacts.every((a) => a.status === 'identical'),
    comparedAt: '2026-12-01T11:00:00.000Z',
    bytesHashed: 40,
  };
  await saveComparison(folder, comparison);
  await appendAuditEntry(folder, 'compare', { file: 'compare.json' });
}

/** Steps 1 to 3 of v1.0.0 recorded: its tag verified, rebuilt twice alike, compared with one package differing. */
async function comparedRelease(): Promise<string> {
  const folder = folderOf('v1.0.0');
  await appendAuditEntry(folder, 'tag-verified', {
    tag: 'v1.0.0',
    signer: 'A'.repeat(40),
    checkedAt: '2026-12-01T09:59:00.000Z',
  });
  await writeBuild(folder, 'rebuild', buildInfo({}));
  await writeBuild(
    folder,
    'rebuild-varied',
    buildInfo({
      startedAt: '2026-12-01T10:06:00.000Z',
      finishedAt: '2026-12-01T10:11:00.000Z',
      artifacts: [
        { name: 'hello_1.0_amd64.deb', sha256: sha('a'), size: 10 },
        { name: 'hello_1.0_amd64.buildinfo', sha256: sha('e'), size: 10 },
      ],
    }),
  );
  await compare(folder, [
    deb('hello', 'identical'),
    deb('hello-doc', 'differs'),
    deb('extra', 'only-ci'),
  ]);
  return folder;
}

async function reportAndDecide(folder: string, decide: boolean) {
  const node = {
    id: 'hello-doc_1.0_amd64.deb ▸ data.tar.xz ▸ ./usr/share/doc/changelog.gz',
    depth: 2,
    source1: './usr/share/doc/changelog.gz',
    source2: './usr/share/doc/changelog.gz',
    comments: [],
    diffLines: 2,
    decidable: true,
    explainedBy: null,
  };
  const key = 'deb:hello-doc_1.0_amd64';
  await saveReportTree(
    reportFolder(folder, key),
    { nodes: [node], diffs: new Map([[node.id, '-a\n+b\n']]) },
    { diffoscopeVersion: '285', reportSha256: sha('f'), generatedAt: '2026-12-01T11:30:00.000Z' },
  );
  if (decide) {
    await recordDecisions(folder, { key, name: 'hello-doc_1.0_amd64.deb' }, sha('f'), [
      { differenceId: node.id, decision: 'accepted', comment: 'gzip timestamp', rule: null },
    ]);
  }
}

describe('releaseState', () => {
  it('reads a release never touched as waiting for its tag, and makes no folder for it', async () => {
    const state = await releaseState(project, 'v1.0.0-rc1', TAGGED);
    expect(state).toEqual({
      ...untouchedRelease('v1.0.0-rc1', 'v1.0.0'),
      version: '1.0.0-rc1',
      taggedAt: TAGGED,
    });
    expect(existsSync(folderOf('v1.0.0-rc1'))).toBe(false);
    expect(existsSync(join(dir, 'home'))).toBe(false);
  });

  it('reads every step of a release walked to the end', async () => {
    const folder = await comparedRelease();
    await reportAndDecide(folder, true);
    await appendAuditEntry(folder, 'promotion', { tag: 'v1.0.0', to: '/srv/apt-prod' });
    await appendAuditEntry(folder, 'verification', { repo: '/srv/apt-prod', status: 'verified' });
    const state = await releaseState(project, 'v1.0.0', TAGGED);
    expect(state).toMatchObject({
      tag: 'v1.0.0',
      candidateOf: null,
      tagVerified: { at: '2026-12-01T09:59:00.000Z', signer: 'A'.repeat(40) },
      rebuilt: { at: '2026-12-01T10:11:00.000Z', artifacts: 2, reproducible: true },
      compared: {
        at: '2026-12-01T11:00:00.000Z',
        identical: 1,
        differ: 1,
        onlyCi: 1,
        onlyLocal: 0,
      },
      reviewed: { decided: 1, total: 1 },
      promoted: { to: '/srv/apt-prod' },
      verified: { passed: true },
      next: null,
      notice: null,
    });
  });

  it('continues at review while a differing artifact waits for its report or its decisions', async () => {
    const folder = await comparedRelease();
    expect(await releaseState(project, 'v1.0.0', TAGGED)).toMatchObject({
      reviewed: { decided: 0, total: 1 },
      next: 'review',
    });
    await reportAndDecide(folder, false);
    expect(await releaseState(project, 'v1.0.0', TAGGED)).toMatchObject({
      reviewed: { decided: 0, total: 1 },
      next: 'review',
    });
  });

  it('needs no review after an identical comparison', async () => {
    const folder = folderOf('v2.0.0');
    await appendAuditEntry(folder, 'tag-verified', { tag: 'v2.0.0', signer: 'A'.repeat(40) });
    await writeBuild(folder, 'rebuild', buildInfo({ tag: 'v2.0.0' }));
    await compare(folder, [deb('hello', 'identical')]);
    expect(await releaseState(project, 'v2.0.0', TAGGED)).toMatchObject({
      rebuilt: { reproducible: null },
      reviewed: { decided: 0, total: 0 },
      next: 'promote',
    });
  });

  it('says not reproducible when the varied build of the same run made other packages', async () => {
    const folder = folderOf('v1.0.0');
    await writeBuild(folder, 'rebuild', buildInfo({}));
    await writeBuild(
      folder,
      'rebuild-varied',
      buildInfo({
        startedAt: '2026-12-01T10:06:00.000Z',
        artifacts: [{ name: 'hello_1.0_amd64.deb', sha256: sha('0'), size: 10 }],
      }),
    );
    expect((await releaseState(project, 'v1.0.0', TAGGED)).rebuilt?.reproducible).toBe(false);
  });

  it('ignores a varied build left over from an earlier run', async () => {
    const folder = folderOf('v1.0.0');
    await writeBuild(
      folder,
      'rebuild',
      buildInfo({ startedAt: '2026-12-02T10:00:00.000Z', finishedAt: '2026-12-02T10:05:00.000Z' }),
    );
    await writeBuild(
      folder,
      'rebuild-varied',
      buildInfo({ startedAt: '2026-12-01T10:06:00.000Z' }),
    );
    expect((await releaseState(project, 'v1.0.0', TAGGED)).rebuilt).toEqual({
      at: '2026-12-02T10:05:00.000Z',
      artifacts: 2,
      reproducible: null,
    });
  });

  it('gives a broken audit log as a notice, counting only the entries before the break', async () => {
    const folder = await comparedRelease();
    await reportAndDecide(folder, true);
    await appendFile(join(folder, 'audit.jsonl'), '{"not":"an entry"}\n');
    await appendAuditEntry(folder, 'promotion', { to: '/srv/apt-prod' }).catch(() => null);
    const state = await releaseState(project, 'v1.0.0', TAGGED);
    expect(state.notice).toMatch(/audit log of this review is broken at line 4 \(invalid\)/);
    expect(state.tagVerified).not.toBeNull();
    expect(state.reviewed).toBeNull();
    expect(state.next).toBe('review');
  });

  it("gives another project's name-only folder, left alone, as a notice", async () => {
    const legacy = reviewFolder('hello', 'v1.0.0');
    await appendAuditEntry(legacy, 'tag-verified', {
      tag: 'v1.0.0',
      tagObject: '2'.repeat(40),
      signer: 'B'.repeat(40),
    });
    const state = await releaseState(project, 'v1.0.0', TAGGED);
    expect(state.notice).toMatch(
      /belongs to another project and was left alone: .*another tag object/,
    );
    expect(state.next).toBe('tag');
    expect(existsSync(legacy)).toBe(true);
    expect(existsSync(folderOf('v1.0.0'))).toBe(false);
  });
});
