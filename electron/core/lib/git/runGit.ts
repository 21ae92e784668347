import { spawn } from 'node:child_process';

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
  /** True when stdout passed `maxStdoutBytes`: git was stopped and stdout holds only that many bytes. */
  truncated?: boolean;
}

const GIT_TIMEOUT_MS = 30_000;

/**
 * Runs git without a shell, with the user's and system git config ignored for
 * reads (a hostile repository's config cannot run programs through us), and
 * returns raw bytes: tag objects are signed byte-for-byte. With
 * `maxStdoutBytes`, git is stopped once it has written more than that (a file
 * read from a hostile repository may be any size), and the result says so.
 */
export function runGit(
  args: readonly string[],
  options: {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    input?: string;
    maxStdoutBytes?: number;
    /** How long git may run before it is stopped (default 30 s: reads are local). */
    timeoutMs?: number;
  } = {},
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    // core.fsmonitor in a repository's own config names a program git would run.
    const child = spawn('git', ['-c', 'core.fsmonitor=false', ...args], {
      cwd: options.cwd,
      env: {
        ...process.env,
        GIT_TERMINAL_PROMPT: '0',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        LC_ALL: 'C',
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const limit = options.maxStdoutBytes ?? Infinity;
    let outBytes = 0;
    let truncated = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? GIT_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      if (truncated) return;
      if (outBytes + chunk.length > limit) {
        out.push(chunk.subarray(0, limit - outBytes));
        truncated = true;
        child.kill('SIGKILL');
        return;
      }
      outBytes += chunk.length;
      out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8'),
        ...(truncated ? { truncated } : {}),
      });
    });
    child.stdin.on('error', () => {}); // git may exit before reading its input
    child.stdin.end(options.input ?? '');
  });
}
