import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CountersignError } from '../../../../shared/errors';
import { HASH_WORKER_SOURCE } from './hashWorkerSource';

export interface FileDigest {
  path: string;
  size: number;
  sha256: string;
  /** Only when asked for with `md5`. */
  md5?: string;
}

/** One file as it is finished: its digest, and its first bytes when asked for with `head`. */
export interface HashedFile extends FileDigest {
  head?: Uint8Array;
}

type WorkerMessage =
  | { id: number; type: 'progress'; bytes: number }
  | {
      id: number;
      type: 'done';
      bytes: number;
      size: number;
      sha256: string;
      md5?: string;
      head?: Uint8Array;
    }
  | { id: number; type: 'error'; code: string; message: string };

/** The most `head` can ask for: the worker's read buffer. */
export const MAX_HEAD_BYTES = 1 << 20;

export interface HashFilesOptions {
  /** Threads to use; default one per core. */
  threads?: number;
  signal?: AbortSignal;
  /** Called with the bytes hashed since the last call. */
  onBytes?: (bytes: number) => void;
  /** Also computes each file's MD5, in the same read (apt indexes list both). */
  md5?: boolean;
  /**
   * Copies each file's first `head` bytes (at most MAX_HEAD_BYTES) from the
   * read that hashed it, for `onFile`: a header parsed from them describes
   * exactly the bytes hashed. Not kept in the results.
   */
  head?: number;
  /** Called as each file is finished, in whatever order they finish. */
  onFile?: (file: HashedFile, index: number) => void;
  /**
   * How many files each worker holds at a time, the one it hashes included
   * (default 1). More hides the hand-over between many small files (4 halves
   * the time for files of a few kilobytes); with big files it costs balance
   * at the end, as a worker's queue cannot move to an idle one.
   */
  queueDepth?: number;
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
  const { signal, onBytes, onFile } = options;
  const task = { md5: options.md5 === true, head: Math.min(options.head ?? 0, MAX_HEAD_BYTES) };
  const depth = Math.max(1, Math.floor(options.queueDepth ?? 1));
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
        worker.postMessage({ id, path: paths[id], ...task });
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
          const digest: FileDigest = {
            path: paths[message.id] ?? '',
            size: message.size,
            sha256: message.sha256,
          };
          if (message.md5 !== undefined) digest.md5 = message.md5;
          results[message.id] = digest;
          finished += 1;
          // The worker gets its next file before the caller looks at this one.
          if (finished < paths.length) feed(worker);
          try {
            onFile?.(message.head ? { ...digest, head: message.head } : digest, message.id);
          } catch (error) {
            fail(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          if (finished === paths.length) resolve();
        });
        for (let queued = 0; queued < depth; queued += 1) feed(worker);
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
