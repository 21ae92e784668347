import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildRecipeSchema, type RebuildRecipe } from '../../../shared/rebuild';
import { DEMO_RECIPE } from '../demo/index';
import { runGit } from '../lib/git/runGit';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import { makeDemo } from '../../testing/demoFixture';
import { VARIED_BUILD } from './buildVariation';
import { compareRebuilds } from './compareRebuilds';
import { rebuildRelease } from './rebuildRelease';

// Real Docker, real mmdebstrap. The base image is bootstrapped once (cached by
// the hash of its inputs) and shared by every test here and by later runs.

let demo: Awaited<ReturnType<typeof makeDemo>>;
let work: string;
let commit: string;
const phases: string[] = [];
const quiet: JobReporter = { phase: (name) => phases.push(name), log: () => {} };

function custom(command: string, prepare = 'true', artifacts = ['*.deb', '*.tar']): RebuildRecipe {
  return rebuildRecipeSchema.parse({
    base: DEMO_RECIPE?.base,
    preset: 'custom',
    prepare,
    command,
    artifacts,
  });
}

/** A package that records where it was built: the varied build path makes it differ. */
const UNREPRODUCIBLE = [
  'mkdir -p pkg/DEBIAN pkg/usr/share/unrepro',
  "printf 'Package: unrepro\\nVersion: 1\\nArchitecture: all\\nMaintainer: M <m@example.org>\\nDescription: d\\n' > pkg/DEBIAN/control",
  'pwd > pkg/usr/share/unrepro/built-in',
  'dpkg-deb --root-owner-group --build pkg ../unrepro_1_all.deb',
].join(' && ');

function ourContainers(): string[] {
  const listed = spawnSync('docker', ['ps', '--all', '--format', '{{.Names}}'], {
    encoding: 'utf8',
  });
  return listed.stdout.split('\n').filter((name) => name.startsWith('countersign-'));
}

beforeAll(async () => {
  demo = await makeDemo();
  work = await mkdtemp(join(tmpdir(), 'cs-rebuild-'));
  commit = (await runGit(['-C', demo.repoPath, 'rev-parse', 'v1.0.0^{commit}'])).stdout
    .toString('utf8')
    .trim();
}, 600_000);

afterAll(async () => {
  await demo.remove();
  await rm(work, { recursive: true, force: true });
});

describe('rebuildRelease (real Docker)', () => {
  it('rebuilds the demo package twice, the second time varied, into byte-identical packages', async () => {
    const recipe = rebuildRecipeSchema.parse(DEMO_RECIPE);
    const base = { repo: demo.repoPath, tag: 'v1.0.0', commit, recipe, report: quiet };
    const first = await rebuildRelease({ ...base, outDir: join(work, 'reference') });
    const second = await rebuildRelease({
      ...base,
      outDir: join(work, 'varied'),
      variation: VARIED_BUILD,
    });

    const debs = first.buildInfo.artifacts.filter((artifact) => artifact.name.endsWith('.deb'));
    expect(debs.map((artifact) => artifact.name)).toEqual([
      'countersign-hello-doc_1.0.0_all.deb',
      'countersign-hello_1.0.0_all.deb',
    ]);
    expect(compareRebuilds(first.buildInfo.artifacts, second.buildInfo.artifacts)).toMatchObject({
      reproducible: true,
      differing: [],
    });
    const info = JSON.parse(
      await readFile(join(work, 'reference', 'buildinfo.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(info).toMatchObject({
      tag: 'v1.0.0',
      commit,
      sourceDateEpoch: Date.parse('2026-02-01T10:00:00Z') / 1000,
      buildPath: '/build/src',
    });
    expect(existsSync(join(work, 'reference', 'build.log'))).toBe(true);
    expect(phases).toEqual(
      expect.arrayContaining(['prepare image', 'install build deps', 'build', 'collect']),
    );
    expect(ourContainers()).toEqual([]);
  });

  it('fails in the build phase when the build reads the network', async () => {
    // apt-get download needs the mirror: it works in the prepare phase, not in the build.
    const recipe = custom('cd /tmp && apt-get download hello', 'apt-get update -qq');
    await expect(
      rebuildRelease({
        repo: demo.repoPath,
        tag: 'v1.0.0',
        commit,
        recipe,
        outDir: join(work, 'net'),
        report: quiet,
      }),
    ).rejects.toMatchObject({
      code: 'BUILD_FAILED',
      message: expect.stringContaining('The build failed') as string,
    });
    expect(existsSync(join(work, 'net'))).toBe(false);
  });

  it('reports a failing build with its exit code, the log tail and where the full log is', async () => {
    const recipe = custom('echo before-the-failure; exit 7');
    const failure = await rebuildRelease({
      repo: demo.repoPath,
      tag: 'v1.0.0',
      commit,
      recipe,
      outDir: join(work, 'failing'),
      report: quiet,
    }).then(
      () => ({ code: 'NONE', message: 'the build passed', hint: '' }),
      (error: unknown) => error as { code: string; message: string; hint: string },
    );
    expect(failure).toMatchObject({
      code: 'BUILD_FAILED',
      message: expect.stringContaining('exit 7') as string,
    });
    expect(failure.hint).toContain('before-the-failure');
    const logFile = /Full log: (.+)$/m.exec(failure.hint)?.[1] ?? '';
    expect(await readFile(logFile, 'utf8')).toContain('before-the-failure');
  });

  it('cancels mid-build, leaving no container and no partial artifacts', async () => {
    const controller = new AbortController();
    const report: JobReporter = {
      phase: (name) => {
        if (name === 'build') setTimeout(() => controller.abort(), 1500);
      },
      log: () => {},
    };
    const recipe = custom('touch ../half.deb; sleep 60');
    await expect(
      rebuildRelease({
        repo: demo.repoPath,
        tag: 'v1.0.0',
        commit,
        recipe,
        outDir: join(work, 'cancelled'),
        report,
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(ourContainers()).toEqual([]);
    expect((await readdir(work)).filter((name) => name.startsWith('cancelled'))).toEqual([]);
  });

  it('finds a package that embeds its build path not reproducible', async () => {
    const recipe = custom(UNREPRODUCIBLE);
    const base = { repo: demo.repoPath, tag: 'v1.0.0', commit, recipe, report: quiet };
    const first = await rebuildRelease({ ...base, outDir: join(work, 'unrepro-a') });
    const second = await rebuildRelease({
      ...base,
      outDir: join(work, 'unrepro-b'),
      variation: VARIED_BUILD,
    });
    expect(compareRebuilds(first.buildInfo.artifacts, second.buildInfo.artifacts)).toMatchObject({
      reproducible: false,
      differing: ['unrepro_1_all.deb'],
    });
  });
});

describe('countersign rebuild', () => {
  const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'countersign.js');

  it('exits 3 with the environment error when no Docker engine answers', () => {
    const run = spawnSync(
      process.execPath,
      [
        bin,
        'rebuild',
        '--project',
        demo.projectFile,
        '--tag',
        'v1.0.0',
        '--out',
        join(work, 'nodocker'),
        '--json',
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, DOCKER_HOST: `unix://${join(work, 'no-such-docker.sock')}` },
      },
    );
    expect(run.status).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'DOCKER_UNAVAILABLE' } });
  });

  it('reports a package embedding its build path as not reproducible with --check-reproducible (exit 1)', async () => {
    const project = JSON.parse(await readFile(demo.projectFile, 'utf8')) as Record<string, unknown>;
    project.rebuild = custom(UNREPRODUCIBLE);
    // Another project file: its own identity, or it would be refused as a copy (PROJECT_ID_IN_USE).
    project.id = 'unreproducible-variant';
    const projectFile = join(demo.dir, 'unreproducible-project.json');
    await writeFile(projectFile, JSON.stringify(project));
    const run = spawnSync(
      process.execPath,
      [
        bin,
        'rebuild',
        '--project',
        projectFile,
        '--tag',
        'v1.0.0',
        '--out',
        join(work, 'cli-unrepro'),
        '--check-reproducible',
        '--json',
      ],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      reproducibility: { reproducible: false, differing: ['unrepro_1_all.deb'] },
    });
  });

  it('refuses to rebuild a tag that does not verify', () => {
    const run = spawnSync(
      process.execPath,
      [bin, 'rebuild', '--project', demo.projectFile, '--tag', 'v1.0.0-untrusted'],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('UNKNOWN_KEY');
  });
});
