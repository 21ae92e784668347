import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { CountersignError } from '../../../../shared/errors';
import type { ArchiveVisitor, SkippedEntry } from './archiveEntry';
import { quoteName, throwIfAborted } from './archiveErrors';
import { detectArchiveFormat } from './archiveFormat';
import { resolveArchiveLimits, UnpackBudget, type ArchiveLimits } from './archiveLimits';
import { tarBytes } from './decompressStream';
import { FileWindow, readFileRange } from './fileChunks';
import { readTarStream } from './tarReader';
import { readZipArchive } from './zipReader';

export type { ArchiveEntry, ArchiveVisitor, SkippedEntry } from './archiveEntry';
export { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from './archiveLimits';

export interface ArchiveReadResult {
  /** Entries that are not artifacts (links that stay inside), with the reason. */
  skipped: SkippedEntry[];
  /** The archive file's size: every byte of it was read. */
  compressedBytes: number;
  /** Bytes produced by decompression: the tar stream, or the zip entries' contents. */
  unpackedBytes: number;
}

export interface ReadArchiveOptions {
  limits?: Partial<ArchiveLimits>;
  signal?: AbortSignal;
  /** Called as the archive file is read, with bytes read so far and the file's size; ends at the size on success. */
  onProgress?: (compressedBytesRead: number, compressedTotal: number) => void;
}

/** The first 512 bytes tell every supported format apart (tar needs a whole header block). */
const HEAD_BYTES = 512;

async function openArchive(file: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new CountersignError(
      'SOURCE_UNREADABLE',
      `Countersign cannot open ${quoteName(file)}: ${error instanceof Error ? error.message : String(error)}.`,
      'Check the path and its permissions.',
    );
  }
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    throw new CountersignError(
      'SOURCE_UNREADABLE',
      `${quoteName(file)} is not a file.`,
      'Give the archive file itself.',
    );
  }
  return { handle, size: info.size };
}

/** Names the archive in a refusal, so a message read out of context still says which file. */
function inArchive(file: string, error: unknown): unknown {
  if (!(error instanceof CountersignError) || error.code === 'CANCELLED') return error;
  return new CountersignError(
    error.code,
    `${quoteName(basename(file))}: ${error.message}`,
    error.hint,
  );
}

/**
 * Visits every regular file of a .zip, .tar, .tar.gz or .tar.xz in order, with
 * a stream of its bytes; nothing is written to disk. The format is told by the
 * file's first bytes, not its name. Anything unsafe (paths out of the archive,
 * links that escape, devices, duplicates, bombs, damage) is refused with its own
 * error code, and limits hold on the bytes actually produced. The file is
 * closed on every path, and `signal` stops the read with CANCELLED.
 */
export async function readArchive(
  file: string,
  visit: ArchiveVisitor,
  options: ReadArchiveOptions = {},
): Promise<ArchiveReadResult> {
  const { signal, onProgress } = options;
  const limits = resolveArchiveLimits(options.limits);
  throwIfAborted(signal);
  const { handle, size } = await openArchive(file);
  const budget = new UnpackBudget(limits);
  const onRead = (bytes: number): void => {
    budget.addCompressed(bytes);
    onProgress?.(budget.compressedBytes, size);
  };
  try {
    const window = new FileWindow(handle);
    const format = detectArchiveFormat(await window.read(0, Math.min(size, HEAD_BYTES)));
    let skipped: SkippedEntry[];
    if (format === 'zip') {
      skipped = await readZipArchive(
        { file: window, budget, onRead, ...(signal ? { signal } : {}) },
        size,
        visit,
      );
    } else {
      const compressed = readFileRange(window, 0, size, onRead, signal);
      const counted = (async function* () {
        for await (const chunk of tarBytes(format, compressed)) {
          budget.addUnpacked(chunk.length);
          yield chunk;
        }
      })();
      const tar = Readable.from(counted, { highWaterMark: 1 });
      ({ skipped } = await readTarStream(tar, visit, { limits, ...(signal ? { signal } : {}) }));
    }
    throwIfAborted(signal);
    // A zip's directory and end records are read but not counted on the way; report the whole file.
    if (budget.compressedBytes < size) onProgress?.(size, size);
    return { skipped, compressedBytes: size, unpackedBytes: budget.unpackedBytes };
  } catch (error) {
    throw inArchive(file, error);
  } finally {
    // Waits for any read still in flight, so no descriptor outlives the call.
    await handle.close();
  }
}
