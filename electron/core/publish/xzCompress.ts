import { spawn } from 'node:child_process';
import { CountersignError } from '../../../shared/errors';

/**
 * Compresses bytes with the xz program (xz-utils): no native module, and the
 * same encoder Debian's own archive tools use. Single-threaded and at the
 * default preset so the same index always compresses to the same bytes.
 */
export function xzCompress(bytes: Uint8Array, signal?: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CountersignError('CANCELLED', 'The publication was cancelled.'));
      return;
    }
    const child = spawn('xz', ['--compress', '--stdout', '-6', '--threads=1', '--check=crc64'], {
      env: { ...process.env, LC_ALL: 'C' },
    });
    const out: Buffer[] = [];
    let err = '';
    const abort = () => child.kill('SIGTERM');
    signal?.addEventListener('abort', abort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', (error: NodeJS.ErrnoException) => {
      signal?.removeEventListener('abort', abort);
      reject(
        error.code === 'ENOENT'
          ? new CountersignError(
              'TOOL_MISSING',
              'The xz program is needed to write Packages.xz and is not installed.',
              'apt-get install xz-utils',
            )
          : error,
      );
    });
    child.on('close', (code) => {
      signal?.removeEventListener('abort', abort);
      if (signal?.aborted)
        reject(new CountersignError('CANCELLED', 'The publication was cancelled.'));
      else if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`xz failed (${code}): ${err.trim()}`));
    });
    child.stdin.on('error', () => {}); // reported by 'close' with xz's own words
    child.stdin.end(bytes);
  });
}
