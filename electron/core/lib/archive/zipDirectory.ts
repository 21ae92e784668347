import { CountersignError } from '../../../../shared/errors';
import { invalidArchive, quoteName, unsupportedArchive } from './archiveErrors';
import { decodeEntryName } from './entryPath';

/** One central-directory record: the source of truth for an entry's name, sizes and CRC. */
export interface ZipDirectoryEntry {
  rawName: Buffer;
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Unix mode from the upper 16 bits of the external attributes; 0 when the writer set none. */
  unixMode: number;
}

export interface ZipDirectory {
  entries: ZipDirectoryEntry[];
  /** Where the central directory starts: no entry's data may reach past it. */
  centralDirectoryOffset: number;
}

/** Reads `length` bytes at `position` of the archive. */
export type ReadAt = (position: number, length: number) => Promise<Buffer>;

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** The central directory is read whole; honest ones take well under 1 KiB per entry. */
const MAX_CENTRAL_DIRECTORY_BYTES = 64 * 1024 * 1024;

const multiDiskHint = 'Ask CI to publish the artifacts as one .zip, .tar.gz or .tar.xz file.';

function readUint64(buffer: Buffer, offset: number, what: string): number {
  const value = buffer.readBigUInt64LE(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw invalidArchive(`The zip's ${what} is impossibly large.`);
  }
  return Number(value);
}

/** The end-of-central-directory record: the last signature whose comment reaches exactly the end of the file. */
async function findEndRecord(
  readAt: ReadAt,
  fileSize: number,
): Promise<{ record: Buffer; offset: number }> {
  const tailLength = Math.min(fileSize, EOCD_SIZE + MAX_COMMENT);
  const tail = await readAt(fileSize - tailLength, tailLength);
  for (let at = tail.length - EOCD_SIZE; at >= 0; at -= 1) {
    if (tail.readUInt32LE(at) !== EOCD) continue;
    if (at + EOCD_SIZE + tail.readUInt16LE(at + 20) !== tail.length) continue;
    return { record: tail.subarray(at, at + EOCD_SIZE), offset: fileSize - tailLength + at };
  }
  throw invalidArchive('The zip has no end-of-central-directory record (truncated, or not a zip).');
}

interface DirectoryLocation {
  entryCount: number;
  size: number;
  offset: number;
  /** Where the directory must end: the zip64 end record if there is one, else the end record. */
  end: number;
}

async function locateDirectory(readAt: ReadAt, fileSize: number): Promise<DirectoryLocation> {
  const { record, offset: eocdOffset } = await findEndRecord(readAt, fileSize);
  const disk = record.readUInt16LE(4);
  const directoryDisk = record.readUInt16LE(6);
  const entriesOnDisk = record.readUInt16LE(8);
  const location = {
    entryCount: record.readUInt16LE(10),
    size: record.readUInt32LE(12),
    offset: record.readUInt32LE(16),
    end: eocdOffset,
  };
  if (disk !== 0 || directoryDisk !== 0 || entriesOnDisk !== location.entryCount) {
    throw unsupportedArchive('The zip spans several disks.', multiDiskHint);
  }
  if (eocdOffset < 20) return location;
  const locator = await readAt(eocdOffset - 20, 20);
  if (locator.readUInt32LE(0) !== ZIP64_LOCATOR) return location;
  const zip64Offset = readUint64(locator, 8, 'zip64 record offset');
  if (locator.readUInt32LE(4) !== 0 || locator.readUInt32LE(16) > 1) {
    throw unsupportedArchive('The zip spans several disks.', multiDiskHint);
  }
  if (zip64Offset + 56 > eocdOffset - 20) {
    throw invalidArchive('The zip64 end record points outside the file.');
  }
  const zip64 = await readAt(zip64Offset, 56);
  if (zip64.readUInt32LE(0) !== ZIP64_EOCD) {
    throw invalidArchive('The zip64 end record is missing.');
  }
  if (zip64.readUInt32LE(16) !== 0 || zip64.readUInt32LE(20) !== 0) {
    throw unsupportedArchive('The zip spans several disks.', multiDiskHint);
  }
  const zip64Entries = readUint64(zip64, 32, 'entry count');
  if (readUint64(zip64, 24, 'entry count') !== zip64Entries) {
    throw unsupportedArchive('The zip spans several disks.', multiDiskHint);
  }
  return {
    entryCount: zip64Entries,
    size: readUint64(zip64, 40, 'central directory size'),
    offset: readUint64(zip64, 48, 'central directory offset'),
    end: zip64Offset,
  };
}

/** Replaces 0xFFFFFFFF (and 0xFFFF) placeholders with the values of the zip64 extra field (id 1). */
function applyZip64(entry: ZipDirectoryEntry, extra: Buffer, diskStart: number): void {
  const needed = [
    entry.uncompressedSize === 0xffffffff,
    entry.compressedSize === 0xffffffff,
    entry.localHeaderOffset === 0xffffffff,
  ];
  if (!needed.includes(true) && diskStart !== 0xffff) return;
  let field: Buffer | undefined;
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 1) field = extra.subarray(at + 4, at + 4 + size);
    at += 4 + size;
  }
  let at = 0;
  const next = (what: string): number => {
    if (!field || at + 8 > field.length) {
      throw invalidArchive(
        `Zip entry ${quoteName(entry.name)} lacks the zip64 ${what} it announces.`,
      );
    }
    const value = readUint64(field, at, what);
    at += 8;
    return value;
  };
  if (needed[0]) entry.uncompressedSize = next('size');
  if (needed[1]) entry.compressedSize = next('compressed size');
  if (needed[2]) entry.localHeaderOffset = next('header offset');
  if (diskStart === 0xffff && (!field || at + 4 > field.length || field.readUInt32LE(at) !== 0)) {
    throw unsupportedArchive('The zip spans several disks.', multiDiskHint);
  }
}

/**
 * Reads the central directory through the end-of-central-directory record
 * (and its zip64 form). Refuses multi-disk zips, directories that do not end
 * where the end record says, and more entries than `maxEntries` (checked before
 * anything is read, so a directory cannot make us allocate for millions).
 */
export async function readZipDirectory(
  readAt: ReadAt,
  fileSize: number,
  checkEntryCount: (count: number) => void,
): Promise<ZipDirectory> {
  const location = await locateDirectory(readAt, fileSize);
  checkEntryCount(location.entryCount);
  if (location.offset + location.size !== location.end) {
    throw invalidArchive('The zip central directory is not where its end record says it is.');
  }
  if (location.size > MAX_CENTRAL_DIRECTORY_BYTES) {
    throw new CountersignError(
      'ARCHIVE_TOO_LARGE',
      `The zip central directory takes ${location.size} bytes; Countersign reads at most ${MAX_CENTRAL_DIRECTORY_BYTES}.`,
      'Split the artifacts over several archives.',
    );
  }
  const directory = await readAt(location.offset, location.size);
  const entries: ZipDirectoryEntry[] = [];
  let at = 0;
  for (let index = 0; index < location.entryCount; index += 1) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_HEADER) {
      throw invalidArchive('The zip central directory is damaged.');
    }
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > directory.length) throw invalidArchive('The zip central directory is damaged.');
    const rawName = Buffer.from(directory.subarray(at + 46, at + 46 + nameLength));
    const entry: ZipDirectoryEntry = {
      rawName,
      name: decodeEntryName(rawName),
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      crc32: directory.readUInt32LE(at + 16),
      compressedSize: directory.readUInt32LE(at + 20),
      uncompressedSize: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
      unixMode: directory.readUInt32LE(at + 38) >>> 16,
    };
    const diskStart = directory.readUInt16LE(at + 34);
    applyZip64(
      entry,
      directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength),
      diskStart,
    );
    if (diskStart !== 0 && diskStart !== 0xffff) {
      throw unsupportedArchive('The zip spans several disks.', multiDiskHint);
    }
    entries.push(entry);
    at = end;
  }
  if (at !== directory.length) {
    throw invalidArchive('The zip central directory has more records than it declares.');
  }
  return { entries, centralDirectoryOffset: location.offset };
}
