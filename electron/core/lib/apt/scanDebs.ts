import { basename } from 'node:path';
import { CountersignError } from '../../../../shared/errors';
import { debControlFromHead, readDebControl, type DebControl } from '../deb/readDebControl';
import { hashFiles, type HashedFile } from '../hashing/hashPool';
import type { Deb822Paragraph } from '../deb/deb822';
import { sha256File } from '../fs/sha256File';

/** A .deb as an apt index describes it: its control paragraph, identity, size and hashes. */
export interface ScannedDeb {
  file: string;
  control: Deb822Paragraph;
  package: string;
  version: string;
  architecture: string;
  size: number;
  md5: string;
  sha256: string;
}

export interface ScanDebsOptions {
  signal?: AbortSignal;
  /** Called as each package is read, in whatever order they finish. */
  onFile?: (scanned: ScannedDeb, done: number, total: number) => void;
  /** Hashing threads; default one per core. */
  threads?: number;
}

/**
 * The first bytes of each file kept from the hashing read. Control members are
 * a few kilobytes; a package whose control member ends further in has its
 * control read again from the file (and the file hashed again).
 */
const HEAD_BYTES = 256 * 1024;

/**
 * Control members parsed at once on this thread while the workers hash: a
 * few hide the decompressor's latency, many only add memory.
 */
const PARSE_CONCURRENCY = 8;

/** Packages are often a few kilobytes: files queued ahead keep each hashing worker busy. */
const QUEUE_DEPTH = 4;

function cancelled(): CountersignError {
  return new CountersignError('CANCELLED', 'Reading the packages was cancelled.');
}

/** Runs at most `limit` of the tasks given to it at a time, in the order given. */
function inTurns(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

/** The control data from the bytes that were hashed; from the file when it ends beyond them. */
async function controlOf(hashed: HashedFile): Promise<DebControl> {
  const head = hashed.head ?? new Uint8Array(0);
  let control: DebControl | null;
  try {
    control = await debControlFromHead(Buffer.from(head.buffer, head.byteOffset, head.length));
  } catch (error) {
    if (!(error instanceof CountersignError)) throw error;
    // As readDebControl words it: which package, then what is wrong with it.
    throw new CountersignError(
      error.code,
      `${JSON.stringify(basename(hashed.path))}: ${error.message}`,
      error.hint,
    );
  }
  if (control) return control;
  // The control member ends beyond the head (or the file is truncated, which
  // the reader then says, naming it): read it from the file, and make sure
  // the file is still the one that was hashed.
  const again = await readDebControl(hashed.path);
  if ((await sha256File(hashed.path)) !== hashed.sha256) {
    throw new CountersignError(
      'SOURCE_UNREADABLE',
      `${JSON.stringify(basename(hashed.path))} changed while Countersign read it.`,
      'Make sure nothing writes to the package files, then try again.',
    );
  }
  return again;
}

/**
 * Reads every .deb in `files` as an apt index needs it: control paragraph,
 * package, version, architecture, size, MD5 and SHA-256. Each file is read
 * once, on every core (hashFiles' worker threads), and its control data is
 * parsed from the same bytes that were hashed, so the description and the
 * hashes cannot come from two versions of a file. Results follow the order
 * of `files`. Throws INVALID_DEB (naming the file) for anything that is not a
 * readable package, SOURCE_UNREADABLE for a file that cannot be read (or
 * changes while it is read), and CANCELLED when `signal` aborts.
 */
export async function scanDebs(
  files: string[],
  options: ScanDebsOptions = {},
): Promise<ScannedDeb[]> {
  const { signal, onFile } = options;
  if (signal?.aborted) throw cancelled();
  const results = new Array<ScannedDeb | undefined>(files.length);
  const inTurn = inTurns(PARSE_CONCURRENCY);
  // Stops the workers at the first package that cannot be read, or when the caller cancels.
  const stop = new AbortController();
  const stopOnCancel = () => stop.abort();
  signal?.addEventListener('abort', stopOnCancel, { once: true });
  let failure: Error | undefined;
  let done = 0;
  const parsing: Promise<void>[] = [];

  const scan = async (hashed: HashedFile, index: number): Promise<void> => {
    if (stop.signal.aborted) return;
    const { identity, control } = await controlOf(hashed);
    if (hashed.md5 === undefined) throw new CountersignError('INTERNAL', 'An MD5 is missing.');
    const scanned: ScannedDeb = {
      file: hashed.path,
      control,
      ...identity,
      size: hashed.size,
      md5: hashed.md5,
      sha256: hashed.sha256,
    };
    results[index] = scanned;
    done += 1;
    onFile?.(scanned, done, files.length);
  };

  try {
    await hashFiles(files, {
      ...(options.threads === undefined ? {} : { threads: options.threads }),
      signal: stop.signal,
      md5: true,
      head: HEAD_BYTES,
      queueDepth: QUEUE_DEPTH,
      onFile: (hashed, index) => {
        const task = inTurn(() => scan(hashed, index)).catch((error: unknown) => {
          failure ??= error instanceof Error ? error : new Error(String(error));
          stop.abort();
        });
        parsing.push(task);
      },
    });
  } catch (error) {
    if (failure === undefined && !stop.signal.aborted) throw error;
  } finally {
    await Promise.all(parsing);
    signal?.removeEventListener('abort', stopOnCancel);
  }
  if (failure !== undefined) throw failure;
  if (signal?.aborted) throw cancelled();
  return results.map((result) => {
    if (!result) throw new CountersignError('INTERNAL', 'A package was not read.');
    return result;
  });
}
