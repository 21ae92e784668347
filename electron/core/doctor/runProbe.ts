import { spawn } from 'node:child_process';

/** How one probe ended: it ran (with its exit code), was not found, could not start, or ran out of time. */
export type ProbeRun =
  | { kind: 'ran'; code: number; stdout: string; stderr: string }
  | { kind: 'not-found' }
  | { kind: 'cannot-start'; reason: string }
  | { kind: 'timed-out'; seconds: number };

/** Output kept from a probe: a version line is short, a runaway tool's output is not kept. */
const MAX_OUTPUT = 64 * 1024;

/**
 * Runs one short command (`git --version`) with a time limit; never throws.
 * The environment is explicit so a check can be asked about another PATH or
 * DOCKER_HOST than this process's own.
 */
export function runProbe(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<ProbeRun> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (run: ProbeRun) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(run);
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({
        kind: 'cannot-start',
        reason: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ kind: 'timed-out', seconds: Math.round(options.timeoutMs / 1000) });
    }, options.timeoutMs);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      if (stdout.length < MAX_OUTPUT) stdout += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish(
        error.code === 'ENOENT'
          ? { kind: 'not-found' }
          : { kind: 'cannot-start', reason: error.message },
      );
    });
    child.on('close', (code) => finish({ kind: 'ran', code: code ?? -1, stdout, stderr }));
  });
}
