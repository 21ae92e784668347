import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CountersignError } from '../../../../shared/errors';

export interface DiffoscopeRun {
  /** 0: identical, 1: differences found (diffoscope's own exit codes). */
  exitCode: 0 | 1;
  version: string;
  /** The --json report (absent when identical: diffoscope writes none). */
  reportFile: string | null;
}

export interface DiffoscopeOptions {
  /** Where the JSON report goes. */
  reportFile: string;
  /** Kill it after this long; default 600 s. */
  timeLimitSeconds?: number;
  signal?: AbortSignal;
  /** Lines of diffoscope's stderr (its progress and warnings). */
  onStderr?: (line: string) => void;
}

let cachedVersion: Promise<string> | null = null;

/** "diffoscope 240", recorded with every report: its output changes between versions. */
export function diffoscopeVersion(): Promise<string> {
  cachedVersion ??= new Promise<string>((resolve, reject) => {
    const child = spawn('diffoscope', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', () => reject(missing()));
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(missing())));
  });
  cachedVersion.catch(() => (cachedVersion = null));
  return cachedVersion;
}

function missing(): CountersignError {
  return new CountersignError(
    'TOOL_MISSING',
    'diffoscope is not installed, so differences cannot be explained.',
    'apt-get install diffoscope-minimal (or diffoscope)',
  );
}

/**
 * Runs Debian's diffoscope on two files, supervised as rebuilders learnt to:
 * its own process group (so a timeout or cancel kills every helper it
 * started), its own temporary folder (removed afterwards, whatever happened),
 * a time limit, and its version recorded.
 */
export async function runDiffoscope(
  file1: string,
  file2: string,
  options: DiffoscopeOptions,
): Promise<DiffoscopeRun> {
  const version = await diffoscopeVersion();
  const temp = await mkdtemp(join(tmpdir(), 'cs-diffoscope-'));
  const limitMs = (options.timeLimitSeconds ?? 600) * 1000;
  try {
    const exitCode = await new Promise<number>((resolve, reject) => {
      const child = spawn(
        'diffoscope',
        // No default limits: diffoscope's own cut-offs truncate a report silently.
        ['--json', options.reportFile, '--no-progress', '--no-default-limits', file1, file2],
        {
          detached: true,
          stdio: ['ignore', 'ignore', 'pipe'],
          env: { ...process.env, TMPDIR: temp, LC_ALL: 'C.UTF-8' },
        },
      );
      const killGroup = () => {
        if (child.pid !== undefined) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }
      };
      let stopped: CountersignError | null = null;
      const timer = setTimeout(() => {
        stopped = new CountersignError(
          'DIFFOSCOPE_TIMEOUT',
          `diffoscope did not finish within ${Math.round(limitMs / 1000)} s and was stopped.`,
          'Give it a longer time limit, or review the members one by one from the provisional list.',
        );
        killGroup();
      }, limitMs);
      const onAbort = () => {
        stopped = new CountersignError('CANCELLED', 'The diffoscope run was cancelled.');
        killGroup();
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      let tail = '';
      child.stderr.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        tail = (tail + text).slice(-4000);
        for (const line of text.split('\n')) if (line.trim()) options.onStderr?.(line);
      });
      child.on('error', () => reject(missing()));
      child.on('close', (code) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        if (stopped) reject(stopped);
        else if (code === 0 || code === 1) resolve(code);
        else {
          reject(
            new CountersignError(
              'DIFFOSCOPE_FAILED',
              `diffoscope failed (exit ${code ?? 'killed'}).`,
              tail.trim().split('\n').slice(-3).join(' ') || undefined,
            ),
          );
        }
      });
    });
    const wrote = await stat(options.reportFile).catch(() => null);
    return {
      exitCode: exitCode === 0 ? 0 : 1,
      version,
      reportFile: wrote ? options.reportFile : null,
    };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
