import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import type { BuildInfo, RebuildRecipe } from '../../../shared/rebuild';
import { writeFileAtomic } from '../lib/fs/atomicWrite';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import { ensureBaseImage } from '../lib/docker/baseImage';
import { REFERENCE_BUILD, type BuildVariation } from './buildVariation';
import { collectArtifacts } from './collectArtifacts';
import {
  assertDockerAvailable,
  docker,
  engineAnswers,
  lostEngine,
  runDocker,
} from '../lib/docker/dockerCli';
import { sourceDateEpoch } from './sourceDateEpoch';

export interface RebuildInput {
  repo: string;
  tag: string;
  /** The verified tag's commit: the only thing ever built. */
  commit: string;
  recipe: RebuildRecipe;
  /** Where the artifacts, build.log and buildinfo.json land; replaced whole, never half-written. */
  outDir: string;
  variation?: BuildVariation;
  report: JobReporter;
  signal?: AbortSignal;
}

export interface RebuildOutcome {
  buildInfo: BuildInfo;
  outDir: string;
  logFile: string;
}

const PHASES = ['prepare image', 'install build deps', 'build', 'collect'] as const;

function prepareScript(recipe: RebuildRecipe, sourceDir: string): string {
  const deps =
    recipe.preset === 'debian'
      ? `cd '${sourceDir}' && apt-get update -qq && apt-get build-dep -y -qq ./`
      : (recipe.prepare ?? 'true');
  return `set -e; export DEBIAN_FRONTEND=noninteractive; ${deps}; chown -R builder:builder /build`;
}

function buildScript(recipe: RebuildRecipe, variation: BuildVariation): string {
  const command =
    recipe.preset === 'debian' ? 'dpkg-buildpackage -us -uc -b' : (recipe.command ?? 'false');
  return `set -e; umask ${variation.umask}; ${command}`;
}

/** `git archive` of exactly the commit, streamed into the container: never the user's working tree. */
async function copySourceIn(
  repo: string,
  commit: string,
  prefix: string,
  container: string,
): Promise<void> {
  const archive = spawn('git', [
    '-C',
    repo,
    'archive',
    '--format=tar',
    `--prefix=${prefix}/`,
    commit,
  ]);
  const copied = docker(['cp', '-', `${container}:/build`], { input: archive.stdout });
  const archived = new Promise<void>((resolve, reject) =>
    archive.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`git archive exited ${code}`)),
    ),
  );
  await Promise.all([copied, archived]);
}

async function toolVersions(): Promise<Record<string, string>> {
  const engine = await runDocker(['version', '--format', '{{.Server.Version}}']);
  return { docker: engine.stdout.trim(), countersign: '0.1.0', node: process.version };
}

/**
 * Step 2: rebuilds the tagged commit in a container from a pinned base image.
 * Dependencies are installed with network; the build itself runs as a
 * non-root user with the network off, a fixed path and SOURCE_DATE_EPOCH.
 * Artifacts are copied out and hashed outside the container.
 */
export async function rebuildRelease(input: RebuildInput): Promise<RebuildOutcome> {
  const { recipe, report, signal } = input;
  const variation = input.variation ?? REFERENCE_BUILD;
  const step = (index: number) =>
    report.phase(PHASES[index] ?? 'done', { done: index, total: PHASES.length, unit: 'steps' });
  const startedAt = new Date();
  const id = randomBytes(6).toString('hex');
  const names = {
    prepare: `countersign-prepare-${id}`,
    build: `countersign-build-${id}`,
    image: `countersign-deps:${id}`,
  };
  const log: string[] = [];
  const say = (line: string) => {
    log.push(line);
    report.log(line);
  };
  const logDir = join(dirname(input.outDir), 'logs');
  const logFile = join(
    logDir,
    `${basename(input.outDir)}-${startedAt.toISOString().replace(/[:.]/g, '-')}.log`,
  );
  const partial = `${input.outDir}.partial-${id}`;
  const failure = (what: string, code: number) =>
    new CountersignError(
      'BUILD_FAILED',
      `${what} (exit ${code}).`,
      `Last lines:\n${log.slice(-15).join('\n')}\nFull log: ${logFile}`,
    );
  const scratch = await mkdtemp(join(tmpdir(), 'cs-collect-'));
  await mkdir(logDir, { recursive: true });

  try {
    step(0);
    await assertDockerAvailable();
    const image = await ensureBaseImage(recipe.base, say);
    say(`Base image ${image.reference} (${image.id})${image.reused ? ', cached' : ''}`);

    step(1);
    const sourceDir = `${variation.parent}/src`;
    const epoch = await sourceDateEpoch(input.repo, input.commit, recipe.preset === 'debian');
    // One container for both phases: dependencies with the network, then the
    // network is disconnected before the build starts (cheaper than committing
    // an intermediate image, and the same isolation).
    await docker([
      'create',
      '--name',
      names.build,
      '--hostname',
      variation.hostname,
      '--network',
      'bridge',
      image.reference,
      'sleep',
      'infinity',
    ]);
    await copySourceIn(input.repo, input.commit, sourceDir.replace(/^\/build\//, ''), names.build);
    await docker(['start', names.build]);
    const prepared = await runDocker(
      ['exec', names.build, 'sh', '-c', prepareScript(recipe, sourceDir)],
      {
        onLine: say,
        ...(signal ? { signal } : {}),
      },
    );
    if (prepared.code !== 0) {
      throw failure('Installing the build dependencies failed', prepared.code);
    }

    step(2);
    await docker(['network', 'disconnect', '--force', 'bridge', names.build]);
    const environment: Record<string, string> = {
      ...recipe.env,
      SOURCE_DATE_EPOCH: String(epoch),
      TZ: variation.timeZone,
      LC_ALL: variation.locale,
      LANG: variation.locale,
      HOME: '/home/builder',
    };
    say(`Building ${input.tag} (${input.commit}) with the network off, SOURCE_DATE_EPOCH=${epoch}`);
    const built = await runDocker(
      [
        'exec',
        '--user',
        'builder',
        '--workdir',
        sourceDir,
        ...Object.entries(environment).flatMap(([key, value]) => ['--env', `${key}=${value}`]),
        names.build,
        'sh',
        '-c',
        buildScript(recipe, variation),
      ],
      { onLine: say, ...(signal ? { signal } : {}) },
    );
    if (built.code !== 0) {
      throw failure('The build failed', built.code);
    }

    step(3);
    await docker(['cp', `${names.build}:${variation.parent}/.`, scratch]);
    await mkdir(join(partial, 'artifacts'), { recursive: true });
    const artifacts = await collectArtifacts(scratch, join(partial, 'artifacts'), recipe.artifacts);
    if (artifacts.length === 0) {
      throw new CountersignError(
        'BUILD_FAILED',
        `The build succeeded but produced nothing matching ${recipe.artifacts.join(', ')}.`,
        'Check the recipe’s artifact patterns.',
      );
    }
    const buildInfo: BuildInfo = {
      tag: input.tag,
      commit: input.commit,
      image: { reference: image.reference, id: image.id },
      recipe,
      sourceDateEpoch: epoch,
      environment,
      buildPath: sourceDir,
      tools: await toolVersions(),
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      artifacts,
    };
    await writeFile(join(partial, 'build.log'), `${log.join('\n')}\n`);
    await writeFileAtomic(
      join(partial, 'buildinfo.json'),
      `${JSON.stringify(buildInfo, null, 2)}\n`,
    );
    // Swap the finished folder in whole; an earlier rebuild is replaced only once this one is complete.
    const previous = `${input.outDir}.previous-${id}`;
    await rename(input.outDir, previous).catch(() => undefined);
    await rename(partial, input.outDir);
    await rm(previous, { recursive: true, force: true });
    say(`Rebuilt ${artifacts.length} artifact(s) into ${input.outDir}`);
    report.phase('done', { done: PHASES.length, total: PHASES.length, unit: 'steps' });
    return { buildInfo, outDir: input.outDir, logFile };
  } catch (error) {
    // A failure the engine's absence explains is the connection's: never a verdict on the build.
    const code = error instanceof CountersignError ? error.code : null;
    if (code !== 'CANCELLED' && code !== 'DOCKER_UNAVAILABLE' && !(await engineAnswers())) {
      say(
        `The Docker engine no longer answers: ${error instanceof Error ? error.message : String(error)}`,
      );
      throw lostEngine(error instanceof Error ? error.message : String(error));
    }
    throw error;
  } finally {
    await writeFile(logFile, `${log.join('\n')}\n`).catch(() => undefined);
    await runDocker(['rm', '--force', names.build]).catch(() => undefined);
    await rm(partial, { recursive: true, force: true });
    await rm(scratch, { recursive: true, force: true });
  }
}
