import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CountersignError } from '../../../../shared/errors';
import { HASH_WORKER_SOURCE } from './hashWorkerSource';

export interface FileDigest {
  path: string;
  size: number;
  sha256: string;
}

type WorkerMessage =
  | { id: number; type: 'progress'; bytes: number }
  | { id: number; type: 'done'; bytes: number; size: number; sha256: string }
  | { id: number; type: 'error'; code: string; message: string };

export interface HashFilesOptions {
  /** Threads to use; default one per core. */
  threads?: number;
  signal?: AbortSignal;
  /** Called with the bytes hashed since the last call. */
  onBytes?: (bytes: number) => void;
}

/**
 * SHA-256 of many files on all cores: one worker thread per core pulls the
 * next file from a shared queue, so a few big files and many small ones both
 * keep every core busy. Results come back in the order of `paths`.
 */
export async function hashFiles(
  paths: readonly string[],
  options: HashFilesOptions = {},
): Promise<FileDigest[]> {
  if (paths.length === 0) return [];
  const { signal, onBytes } = options;
  if (signal?.aborted) throw cancelled();
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), paths.length));
  const results = new Array<FileDigest | undefined>(paths.length);
  const workers: Worker[] = [];
  let next = 0;
  let finished = 0;

  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      signal?.addEventListener('abort', () => fail(cancelled()), { once: true });
      const feed = (worker: Worker) => {
        if (next >= paths.length) return;
        const id = next;
        next += 1;
        worker.postMessage({ id, path: paths[id] });
      };
      for (let index = 0; index < threads; index += 1) {
        const worker = new Worker(HASH_WORKER_SOURCE, { eval: true });
        workers.push(worker);
        worker.on('error', (error) => fail(error));
        worker.on('message', (message: WorkerMessage) => {
          if (failed) return;
          if (message.type === 'error') {
            const path = paths[message.id] ?? '?';
            fail(
              new CountersignError(
                'SOURCE_UNREADABLE',
                `${JSON.stringify(path)} cannot be read (${message.code}).`,
                'Check that the file exists and that Countersign may read it.',
              ),
            );
            return;
          }
          onBytes?.(message.bytes);
          if (message.type === 'progress') return;
          results[message.id] = {
            path: paths[message.id] ?? '',
            size: message.size,
            sha256: message.sha256,
          };
          finished += 1;
          if (finished === paths.length) resolve();
          else feed(worker);
        });
        feed(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results.map((result) => {
    if (!result) throw new CountersignError('INTERNAL', 'A file was not hashed.');
    return result;
  });
}

function cancelled(): CountersignError {
  return new CountersignError('CANCELLED', 'The comparison was cancelled.');
}
