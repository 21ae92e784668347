import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releasesOverviewSchema } from '../../../shared/releases';
import { makeDemo } from '../../testing/demoFixture';
import { createCountersignCore } from '../countersignCore';
import { reviewFolder } from '../lib/project/countersignHome';
import { loadProject, type LoadedProject } from '../lib/project/projectStore';
import { releaseFolder } from '../lib/project/releaseFolder';
import { recordTagVerified } from '../lib/reviewFolder/tagGate';
import { verifyTag } from '../tag/index';
import { listReleases } from './index';

// The demo's real repository (signed v1.0.0-rc1, v1.0.0, and v1.0.0-untrusted
// by a key off the trust list), without CI: git and GnuPG only, no Docker.

let demo: Awaited<ReturnType<typeof makeDemo>>;
let home: string;
let savedHome: string | undefined;
let project: LoadedProject;

beforeAll(async () => {
  savedHome = process.env.COUNTERSIGN_HOME;
  home = await mkdtemp(join(tmpdir(), 'cs-releases-home-'));
  process.env.COUNTERSIGN_HOME = home;
  demo = await makeDemo({ ci: false });
  project = await loadProject(demo.projectFile);
});

afterAll(async () => {
  if (savedHome === undefined) delete process.env.COUNTERSIGN_HOME;
  else process.env.COUNTERSIGN_HOME = savedHome;
  await demo?.remove();
  await rm(home, { recursive: true, force: true });
});

describe('the releases overview of the demo', () => {
  it('lists every tag newest first, the release candidate under its final, none touched, nothing written', async () => {
    const overview = releasesOverviewSchema.parse(
      await createCountersignCore(demo.projectFile).api['releases:list']({}),
    );
    expect(overview.project).toEqual({ id: project.id, name: project.config.name });
    expect(overview.releases.map(({ tag, candidateOf }) => [tag, candidateOf])).toEqual([
      ['v1.0.0', null],
      ['v1.0.0-rc1', 'v1.0.0'],
      ['v1.0.0-untrusted', null],
    ]);
    const [release, candidate] = overview.releases;
    expect(Date.parse(release?.taggedAt ?? '')).toBeGreaterThan(
      Date.parse(candidate?.taggedAt ?? ''),
    );
    for (const state of overview.releases) {
      expect(state).toMatchObject({ tagVerified: null, rebuilt: null, next: 'tag', notice: null });
    }
    expect(existsSync(join(home, 'reviews')) ? await readdir(join(home, 'reviews')) : []).toEqual(
      [],
    );
  });

  it("continues a release at rebuild once its tag's verification is recorded", async () => {
    const verdict = await verifyTag({
      repo: project.repoPath,
      tag: demo.tags.release,
      trustedKeys: project.trustedKeys,
    });
    expect(verdict.verdict).toBe('verified');
    await recordTagVerified(await releaseFolder(project, demo.tags.release), verdict);

    const { releases } = await listReleases(project);
    expect(releases[0]).toMatchObject({
      tag: 'v1.0.0',
      version: '1.0.0',
      tagVerified: { signer: verdict.signer?.primaryKeyFingerprint },
      rebuilt: null,
      next: 'rebuild',
    });
    expect(releases[1]).toMatchObject({ tag: 'v1.0.0-rc1', next: 'tag' });
    expect(existsSync(reviewFolder(project.id, demo.tags.rc))).toBe(false);
  });
});
