import { invalidArchive, quoteName, unsupportedArchive } from './archiveErrors';
import { checkRatio, type UnpackBudget } from './archiveLimits';
import { crc32 } from './crc32';
import { inflateRaw } from './decompressStream';
import { readFileRange, type FileWindow } from './fileChunks';
import type { ZipDirectoryEntry } from './zipDirectory';

const LOCAL_HEADER = 0x04034b50;
const LOCAL_HEADER_SIZE = 30;

export const STORED = 0;
export const DEFLATED = 8;

export interface ZipEntryReadContext {
  file: FileWindow;
  budget: UnpackBudget;
  /** Counts compressed bytes read (limits, progress). */
  onRead: (bytes: number) => void;
  signal?: AbortSignal;
}

/**
 * Reads the entry's local header and checks it against the central directory
 * (same name, same method, not encrypted), and that its data ends before
 * `boundary` (the next entry or the central directory: overlapping entries are
 * how the densest zip bombs are built). Returns where the data starts.
 */
async function openLocalEntry(
  context: ZipEntryReadContext,
  entry: ZipDirectoryEntry,
  path: string,
  boundary: number,
): Promise<number> {
  const offset = entry.localHeaderOffset;
  if (offset + LOCAL_HEADER_SIZE > boundary) {
    throw invalidArchive(`Zip entry ${quoteName(path)} overlaps another entry.`);
  }
  const header = await context.file.read(offset, LOCAL_HEADER_SIZE);
  if (header.readUInt32LE(0) !== LOCAL_HEADER) {
    throw invalidArchive(
      `Zip entry ${quoteName(path)} has no local header where the directory says.`,
    );
  }
  if (header.readUInt16LE(6) & 1) {
    throw unsupportedArchive(
      `Zip entry ${quoteName(path)} is encrypted.`,
      'Ask CI for an unencrypted archive.',
    );
  }
  if (header.readUInt16LE(8) !== entry.method) {
    throw invalidArchive(
      `Zip entry ${quoteName(path)} names a different method in its local header.`,
    );
  }
  const nameLength = header.readUInt16LE(26);
  const extraLength = header.readUInt16LE(28);
  const localName = await context.file.read(offset + LOCAL_HEADER_SIZE, nameLength);
  if (!localName.equals(entry.rawName)) {
    throw invalidArchive(
      `Zip entry ${quoteName(path)} is called ${quoteName(localName.toString('latin1'))} in its local header; tools would disagree on its name.`,
    );
  }
  context.onRead(LOCAL_HEADER_SIZE + nameLength + extraLength);
  const dataStart = offset + LOCAL_HEADER_SIZE + nameLength + extraLength;
  if (dataStart + entry.compressedSize > boundary) {
    throw invalidArchive(`Zip entry ${quoteName(path)} overlaps another entry.`);
  }
  return dataStart;
}

/**
 * The entry's bytes, decompressed as they are read. Every chunk is counted
 * against the archive's limits and the entry's own ratio; more bytes than the
 * central directory declares stop the read at once, and at the end the size
 * and CRC-32 must match the directory exactly.
 */
export async function* zipEntryBytes(
  context: ZipEntryReadContext,
  entry: ZipDirectoryEntry,
  path: string,
  boundary: number,
): AsyncGenerator<Buffer> {
  const dataStart = await openLocalEntry(context, entry, path, boundary);
  const raw = readFileRange(
    context.file,
    dataStart,
    entry.compressedSize,
    context.onRead,
    context.signal,
  );
  const chunks = entry.method === DEFLATED ? inflateRaw(raw) : raw;
  let produced = 0;
  let crc = 0;
  for await (const chunk of chunks) {
    produced += chunk.length;
    if (produced > entry.uncompressedSize) {
      throw invalidArchive(
        `Zip entry ${quoteName(path)} holds more than the ${entry.uncompressedSize} bytes it declares.`,
      );
    }
    checkRatio(
      produced,
      entry.compressedSize,
      context.budget.limits.maxRatio,
      `Zip entry ${quoteName(path)}`,
    );
    context.budget.addUnpacked(chunk.length);
    crc = crc32(chunk, crc);
    yield chunk;
  }
  if (produced !== entry.uncompressedSize) {
    throw invalidArchive(
      `Zip entry ${quoteName(path)} holds ${produced} bytes but declares ${entry.uncompressedSize}.`,
    );
  }
  if (crc !== entry.crc32) {
    throw invalidArchive(
      `Zip entry ${quoteName(path)} fails its CRC-32 check: its data is damaged.`,
    );
  }
}
