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

interface WorkerResult {
  id: number;
  /** Bytes hashed since the file's last progress message. */
  bytes: number;
  size: number;
  sha256: string;
  md5?: string;
  head?: Uint8Array;
}

type WorkerMessage =
  | { type: 'progress'; bytes: number }
  | { type: 'done'; results: WorkerResult[] }
  | { type: 'error'; id: number; code: string; message: string };

/** The most files handed to a worker at once. */
const MAX_BATCH = 32;

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
   * How many batches each worker holds at a time, the one it hashes included
   * (default 1). More hides the hand-over between batches; with big files it
   * costs balance at the end, as a worker's queue cannot move to an idle one.
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
      // Batches shrink as the queue empties, so the last files spread over every worker.
      const feed = (worker: Worker) => {
        const left = paths.length - next;
        if (left <= 0) return;
        const size = Math.max(1, Math.min(MAX_BATCH, Math.floor(left / (threads * depth * 4))));
        const files = [];
        for (const end = next + size; next < end; next += 1) {
          files.push({ id: next, path: paths[next] });
        }
        worker.postMessage({ files, ...task });
      };
      const finish = (result: WorkerResult) => {
        onBytes?.(result.bytes);
        const digest: FileDigest = {
          path: paths[result.id] ?? '',
          size: result.size,
          sha256: result.sha256,
        };
        if (result.md5 !== undefined) digest.md5 = result.md5;
        results[result.id] = digest;
        finished += 1;
        onFile?.(result.head ? { ...digest, head: result.head } : digest, result.id);
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
          if (message.type === 'progress') {
            onBytes?.(message.bytes);
            return;
          }
          // The worker gets its next batch before the caller looks at this one.
          feed(worker);
          try {
            for (const result of message.results) finish(result);
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
