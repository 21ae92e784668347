import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, cp, lstat, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { docker } from '../core/rebuild/index';
import { ensureAptIntotoImage } from './aptIntotoImage';

export interface AptRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr line by line, in the order they arrived. */
  output: string;
  /** The run outlived its time limit and was killed (code is then docker's, usually 137). */
  timedOut: boolean;
  /** The text of each `collect` path after the run; null when the container had no such file. */
  collected: Record<string, string | null>;
}

export interface AptClientSetup {
  /**
   * Files to place in the container before apt runs: absolute container path
   * -> content (mode 0644, root-owned). The image has no apt sources, so
   * sources.list(.d) holds exactly what is given here. It does keep the
   * package's stock /etc/apt/apt.conf.d/intoto (public rebuilders,
   * NoFail); give that path here to replace it.
   */
  files: Record<string, string | Buffer>;
  /**
   * Host folders copied into the container: container path -> host path.
   * Modes are kept (a GnuPG home stays 0700), owner becomes root, sockets
   * (a gpg-agent's) are left out.
   */
  folders?: Record<string, string>;
}

export interface AptRunOptions {
  /** Killed after this long; 5 minutes unless given. */
  timeoutMs?: number;
  /** Container paths read back after the run, e.g. the intoto method's log /tmp/intoto.log. */
  collect?: string[];
}

const SAFE_PATH = /^\/[A-Za-z0-9._+:@/-]+$/;

function relativeTarget(path: string): string {
  if (!SAFE_PATH.test(path) || path.split('/').includes('..')) {
    throw new Error(`Not a plain absolute container path: ${path}`);
  }
  return path.replace(/^\/+/, '');
}

/**
 * Lays the setup out in `stage` as it will be in the container and returns
 * the tar entries: only the given files and folders, never their parents, so
 * copying them in leaves the modes of /etc, /tmp or /root as the image has them.
 */
async function stageSetup(stage: string, setup: AptClientSetup): Promise<string[]> {
  const entries: string[] = [];
  for (const [path, content] of Object.entries(setup.files)) {
    const target = relativeTarget(path);
    await mkdir(join(stage, dirname(target)), { recursive: true });
    await writeFile(join(stage, target), content);
    await chmod(join(stage, target), 0o644);
    entries.push(target);
  }
  for (const [path, host] of Object.entries(setup.folders ?? {})) {
    const target = relativeTarget(path);
    await mkdir(join(stage, dirname(target)), { recursive: true });
    await cp(host, join(stage, target), {
      recursive: true,
      filter: async (source) => !(await lstat(source)).isSocket(),
    });
    entries.push(target);
  }
  return entries;
}

/** Copies the staged entries into the created container as root-owned files, modes kept. */
async function copyIn(container: string, stage: string, entries: string[]): Promise<void> {
  if (entries.length === 0) return;
  const tar = spawn(
    'tar',
    ['-C', stage, '--owner=0', '--group=0', '--numeric-owner', '-cf', '-', '--', ...entries],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const tarred = new Promise<void>((done, fail) =>
    tar.on('close', (code) => (code === 0 ? done() : fail(new Error(`tar exited ${code}`)))),
  );
  await Promise.all([docker(['cp', '-', `${container}:/`], { input: tar.stdout }), tarred]);
}

/** A text file's content from a stopped container, or null when it is not there. */
function readOut(container: string, path: string): Promise<string | null> {
  return new Promise((done) => {
    const child = spawn(
      'sh',
      ['-c', 'docker cp "$1" - | tar -xOf -', 'sh', `${container}:${path}`],
      {
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', () => done(null));
    child.on('close', (code) => done(code === 0 ? Buffer.concat(chunks).toString('utf8') : null));
  });
}

/**
 * `docker start --attach`: the container's exit code (the front door's
 * docker() throws on one that is not 0, a normal apt outcome here), its two
 * streams, and both line by line in arrival order.
 */
function attach(container: string): Promise<Omit<AptRun, 'timedOut' | 'collected'>> {
  return new Promise((done, fail) => {
    const child = spawn('docker', ['start', '--attach', container], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const streams = { stdout: '', stderr: '' };
    const partial = { stdout: '', stderr: '' };
    const lines: string[] = [];
    const feed = (from: keyof typeof streams) => (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      streams[from] += text;
      const parts = (partial[from] + text).split('\n');
      partial[from] = parts.pop() ?? '';
      lines.push(...parts);
    };
    child.stdout.on('data', feed('stdout'));
    child.stderr.on('data', feed('stderr'));
    child.on('error', fail);
    child.on('close', (code) => {
      lines.push(...[partial.stdout, partial.stderr].filter(Boolean));
      done({ code: code ?? -1, ...streams, output: lines.join('\n') });
    });
  });
}

/**
 * Runs `script` with `sh -c`, as root, in a fresh container of the
 * apt-with-in-toto image on the host's network (so a server on the host's
 * 127.0.0.1 answers), after placing `setup`'s files and folders. The
 * container is always removed; one that outlives the time limit is killed.
 */
export async function runAptInContainer(
  setup: AptClientSetup,
  script: string,
  options: AptRunOptions = {},
): Promise<AptRun> {
  const image = await ensureAptIntotoImage();
  const name = `cs-apt-intoto-${randomBytes(4).toString('hex')}`;
  const stage = await mkdtemp(join(tmpdir(), 'cs-apt-setup-'));
  try {
    const entries = await stageSetup(stage, setup);
    await docker([
      'create',
      '--name',
      name,
      '--network',
      'host',
      image.reference,
      'sh',
      '-c',
      script,
    ]);
    await copyIn(name, stage, entries);

    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      docker(['kill', name]).catch(() => {});
    }, options.timeoutMs ?? 300_000);
    const run = await attach(name).finally(() => clearTimeout(timer));

    const collected: Record<string, string | null> = {};
    for (const path of options.collect ?? []) collected[path] = await readOut(name, path);
    return { ...run, timedOut, collected };
  } finally {
    await docker(['rm', '--force', name]).catch(() => {});
    await rm(stage, { recursive: true, force: true });
  }
}
