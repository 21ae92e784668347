import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { CountersignError } from '../../../../shared/errors';

export interface DockerRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface DockerOptions {
  /** Bytes or a stream for the command's standard input (e.g. a tar for `docker cp -`). */
  input?: Readable | string;
  /** Each output line as it arrives, for live logs. */
  onLine?: (line: string) => void;
  signal?: AbortSignal;
  /** Answer a lost engine as a result, not a DOCKER_UNAVAILABLE refusal (for the probe that words its own). */
  engineLossAsResult?: boolean;
}

/**
 * Runs the docker CLI: it speaks to whichever engine the user's environment
 * names (DOCKER_HOST, contexts, ssh:// or TLS), so a rebuild can run on a
 * dedicated build host without us reimplementing the client.
 */
export function runDocker(args: string[], options: DockerOptions = {}): Promise<DockerRun> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new CountersignError('CANCELLED', 'The rebuild was cancelled.'));
      return;
    }
    const child = spawn('docker', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    const feed = (chunk: Buffer, into: 'out' | 'err') => {
      const text = chunk.toString('utf8');
      if (into === 'out') stdout += text;
      else stderr += text;
      if (!options.onLine) return;
      pending += text;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) options.onLine(line);
    };
    child.stdout.on('data', (chunk: Buffer) => feed(chunk, 'out'));
    child.stderr.on('data', (chunk: Buffer) => feed(chunk, 'err'));
    const abort = () => child.kill('SIGTERM');
    options.signal?.addEventListener('abort', abort, { once: true });
    child.on('error', () => {
      options.signal?.removeEventListener('abort', abort);
      reject(
        new CountersignError(
          'DOCKER_UNAVAILABLE',
          'The docker command is not installed.',
          'Install Docker (on Debian: apt-get install docker.io) and start it.',
        ),
      );
    });
    child.on('close', (code) => {
      options.signal?.removeEventListener('abort', abort);
      if (pending && options.onLine) options.onLine(pending);
      if (options.signal?.aborted)
        reject(new CountersignError('CANCELLED', 'The rebuild was cancelled.'));
      else if (code !== 0 && !options.engineLossAsResult && engineLost(stderr))
        reject(lostEngine(stderr));
      else resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.on('error', () => {});
    if (typeof options.input === 'string' || options.input === undefined)
      child.stdin.end(options.input ?? '');
    else options.input.pipe(child.stdin);
  });
}

/**
 * What the docker CLI itself (never a build inside it) says when it cannot
 * reach its engine or loses it: over ssh:// the connection helper exits,
 * over a socket or TCP the request fails to connect.
 */
const ENGINE_LOST = [
  /command \[ssh .*docker system dial-stdio\] has exited/,
  /^error during connect: /m,
  /Cannot connect to the Docker daemon at /,
];

export const engineLost = (stderr: string) => ENGINE_LOST.some((pattern) => pattern.test(stderr));

/** The engine went away mid-command: an environment problem, never a verdict on the build. */
export function lostEngine(stderr: string): CountersignError {
  const where = process.env.DOCKER_HOST
    ? `at DOCKER_HOST=${process.env.DOCKER_HOST}`
    : 'on this computer';
  const said = stderr.trim().split('\n').pop()?.slice(0, 500) ?? '';
  return new CountersignError(
    'DOCKER_UNAVAILABLE',
    `The connection to the Docker engine ${where} was lost; nothing it was doing counts.`,
    `Check the build host and the connection to it, then run the step again. Docker said: ${said}`,
  );
}

/** Runs docker and throws with its own words when it fails. */
export async function docker(args: string[], options: DockerOptions = {}): Promise<string> {
  const result = await runDocker(args, options);
  if (result.code !== 0) {
    throw new Error(
      `docker ${args[0] ?? ''} failed: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`,
    );
  }
  return result.stdout.trim();
}

/** Refuses early, with the action to take, when no Docker engine answers. */
export async function assertDockerAvailable(): Promise<string> {
  const result = await runDocker(['version', '--format', '{{.Server.Version}}'], {
    engineLossAsResult: true,
  });
  if (result.code !== 0) {
    const where = process.env.DOCKER_HOST
      ? `at DOCKER_HOST=${process.env.DOCKER_HOST}`
      : 'on this computer';
    throw new CountersignError(
      'DOCKER_UNAVAILABLE',
      `No Docker engine answers ${where}.`,
      `Start Docker (as root: dockerd &, or systemctl start docker), or set DOCKER_HOST to a running engine. Docker said: ${result.stderr.trim().split('\n').pop() ?? ''}`,
    );
  }
  return result.stdout.trim();
}

/**
 * Whether the engine still answers, within `timeoutMs`. Asked after a docker
 * command failed in a way its words do not explain (a connection cut while
 * `docker cp` stats its target says "must be a directory"): if the engine is
 * gone, that failure was the connection's, not the build's.
 */
export async function engineAnswers(timeoutMs = 20_000): Promise<boolean> {
  try {
    const result = await runDocker(['version', '--format', '{{.Server.Version}}'], {
      engineLossAsResult: true,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return result.code === 0;
  } catch {
    return false;
  }
}
