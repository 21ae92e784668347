import type { Readable } from 'node:stream';
import { CountersignError } from '../../../../shared/errors';
import type { ArchiveVisitor, SkippedEntry } from './archiveEntry';
import { invalidArchive, quoteName, throwIfAborted, unsupportedArchive } from './archiveErrors';
import { resolveArchiveLimits, UnpackBudget, type ArchiveLimits } from './archiveLimits';
import { ByteCursor } from './byteCursor';
import { decodeEntryName, normaliseEntryPath, resolveLinkTarget } from './entryPath';
import { EntryStream } from './entryStream';
import { parsePaxRecords } from './paxHeader';
import { BLOCK, isZeroBlock, parseTarHeader, type TarHeader } from './tarHeader';

export interface TarReadOptions {
  signal?: AbortSignal;
  /** Entries and total bytes; the ratio is the caller's business (only it knows the compressed size). */
  limits?: Partial<ArchiveLimits>;
}

export interface TarReadResult {
  skipped: SkippedEntry[];
  /** Files, folders and links seen. */
  entries: number;
}

/** Long names and pax headers are held in memory; honest ones are a few hundred bytes. */
const MAX_METADATA_BYTES = 1024 * 1024;
const CHUNK = 64 * 1024;

const SPECIAL_TYPES: Record<string, string> = {
  '3': 'a character device',
  '4': 'a block device',
  '6': 'a FIFO',
};

const sparseHint = 'Ask CI to create the tar without --sparse (sparse members are not read).';

/** Metadata that applies to the next real entry: GNU long names and pax records. */
class PendingMetadata {
  global = new Map<string, string>();
  local = new Map<string, string>();
  longName: string | undefined;
  longLink: string | undefined;

  /** A pax value for the next entry; an empty local value cancels a global one. */
  pax(key: string): string | undefined {
    const value = this.local.get(key) ?? this.global.get(key);
    return value === '' ? undefined : value;
  }

  resolve(header: TarHeader): { name: string; linkName: string; size: number } {
    const paxSize = this.pax('size');
    if (paxSize !== undefined && !/^[0-9]{1,16}$/.test(paxSize)) {
      throw invalidArchive('A pax header gives a size that is not a number.');
    }
    const resolved = {
      name: this.pax('path') ?? this.longName ?? header.name,
      linkName: this.pax('linkpath') ?? this.longLink ?? header.linkName,
      size: paxSize === undefined ? header.size : Number(paxSize),
    };
    this.local = new Map();
    this.longName = undefined;
    this.longLink = undefined;
    return resolved;
  }
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function checkNotSparse(records: Map<string, string>): void {
  for (const key of records.keys()) {
    if (key.startsWith('GNU.sparse.')) {
      throw unsupportedArchive('The tar archive holds a GNU sparse file.', sparseHint);
    }
  }
}

/**
 * Reads a tar stream (ustar, GNU long names, pax headers) and calls `visit` for
 * each regular file, in order, with a stream of its bytes. Every header's
 * checksum is verified; paths are normalised and checked; links that stay
 * inside are reported in `skipped`; everything unsafe is refused with its own
 * code. Memory stays constant whatever the entry sizes. After the end-of-archive
 * marker the input is read to its end, so a decompressor below checks its trailer.
 */
export async function readTarStream(
  input: Readable,
  visit: ArchiveVisitor,
  options: TarReadOptions = {},
): Promise<TarReadResult> {
  const { signal } = options;
  const budget = new UnpackBudget(resolveArchiveLimits(options.limits));
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const cursor = new ByteCursor(iterator);
  const pending = new PendingMetadata();
  const seen = new Set<string>();
  const skipped: SkippedEntry[] = [];

  const checkBytesRead = (): void => budget.checkTotal(cursor.position);

  const readExactly = async (length: number, what: string): Promise<Buffer> => {
    const bytes = await cursor.read(length);
    if (bytes === null || bytes.length < length) {
      throw invalidArchive(`The tar archive ends inside ${what} (truncated?).`);
    }
    checkBytesRead();
    return bytes;
  };

  const skipData = async (size: number, what: string): Promise<void> => {
    const total = size + padding(size);
    if ((await cursor.skip(total)) < total) {
      throw invalidArchive(`The tar archive ends inside ${what} (truncated?).`);
    }
    checkBytesRead();
  };

  const readMetadata = async (size: number): Promise<Buffer> => {
    if (size > MAX_METADATA_BYTES) {
      throw invalidArchive('A tar metadata header is implausibly large.');
    }
    const data = await readExactly(size, 'a metadata header');
    await readExactly(padding(size), 'a metadata header');
    return data;
  };

  const claim = (path: string): void => {
    budget.countEntry();
    if (seen.has(path)) {
      throw new CountersignError(
        'ARCHIVE_DUPLICATE_ENTRY',
        `Entry ${quoteName(path)} appears twice; which copy is the artifact would depend on the tool.`,
        'Do not use this archive; ask the CI maintainers to re-create it with each file once.',
      );
    }
    seen.add(path);
  };

  const visitFile = async (path: string, size: number): Promise<void> => {
    budget.checkTotal(size, path);
    let remaining = size;
    const entry = new EntryStream(async () => {
      if (remaining === 0) return null;
      const chunk = await cursor.take(Math.min(remaining, CHUNK));
      if (chunk === null) {
        throw invalidArchive(`The tar archive ends inside ${quoteName(path)} (truncated?).`);
      }
      remaining -= chunk.length;
      checkBytesRead();
      return chunk;
    }, signal);
    try {
      await visit({ path, size, stream: entry.stream });
    } catch (error) {
      throw await entry.abandon(error);
    }
    await entry.finish();
    await readExactly(padding(size), `the padding of ${quoteName(path)}`);
  };

  try {
    for (;;) {
      throwIfAborted(signal);
      const block = await cursor.read(BLOCK);
      if (block === null) {
        throw invalidArchive(
          'The tar archive ends without its end-of-archive marker (truncated?).',
        );
      }
      if (block.length === BLOCK && isZeroBlock(block)) break;
      checkBytesRead();
      const header = parseTarHeader(block);
      const type = header.typeFlag;

      if (type === 'x' || type === 'g') {
        const records = parsePaxRecords(await readMetadata(header.size));
        checkNotSparse(records);
        const target = type === 'x' ? pending.local : pending.global;
        for (const [key, value] of records) target.set(key, value);
        continue;
      }
      if (type === 'L' || type === 'K') {
        const data = await readMetadata(header.size);
        const nul = data.indexOf(0);
        const text = decodeEntryName(nul === -1 ? data : data.subarray(0, nul));
        if (type === 'L') pending.longName = text;
        else pending.longLink = text;
        continue;
      }
      if (type === 'V') {
        await skipData(header.size, 'a volume label');
        continue;
      }

      const { name, linkName, size } = pending.resolve(header);
      const path = normaliseEntryPath(name);
      const isDirectory =
        type === '5' || type === 'D' || ((type === '0' || type === '\0') && name.endsWith('/'));
      if (isDirectory) {
        budget.countEntry();
        await skipData(size, `folder ${quoteName(path)}`);
        continue;
      }
      if (path === '') throw invalidArchive('A tar entry that is not a folder has an empty name.');
      const special = SPECIAL_TYPES[type];
      if (special !== undefined) {
        throw new CountersignError(
          'ARCHIVE_SPECIAL_FILE',
          `Entry ${quoteName(path)} is ${special}; build artifacts are never devices, FIFOs or sockets.`,
          'Do not use this archive; report it to the CI maintainers.',
        );
      }
      if (type === '1' || type === '2') {
        claim(path);
        const kind = type === '1' ? 'hard' : 'symbolic';
        resolveLinkTarget(path, linkName, kind);
        skipped.push({ path, reason: `${kind} link to ${quoteName(linkName)}` });
        await skipData(size, `link ${quoteName(path)}`);
        continue;
      }
      if (type === 'S') {
        throw unsupportedArchive(`Entry ${quoteName(path)} is a GNU sparse file.`, sparseHint);
      }
      if (type !== '0' && type !== '\0' && type !== '7') {
        throw unsupportedArchive(
          `Entry ${quoteName(path)} has tar type ${quoteName(type)}, which Countersign does not read.`,
          'Ask CI to create the archive with GNU tar or bsdtar defaults (files, folders and links only).',
        );
      }
      claim(path);
      await visitFile(path, size);
    }
    // The rest is padding; reading it lets gzip and xz verify their checksums.
    while ((await cursor.take(CHUNK)) !== null) checkBytesRead();
    return { skipped, entries: budget.entries };
  } catch (error) {
    await iterator.return?.();
    throw error;
  }
}
