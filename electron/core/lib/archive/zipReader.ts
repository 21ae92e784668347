import { CountersignError } from '../../../../shared/errors';
import type { ArchiveVisitor, SkippedEntry } from './archiveEntry';
import { invalidArchive, quoteName, unsupportedArchive } from './archiveErrors';
import { checkRatio } from './archiveLimits';
import { normaliseEntryPath, resolveLinkTarget } from './entryPath';
import { EntryStream } from './entryStream';
import { readZipDirectory, type ZipDirectoryEntry } from './zipDirectory';
import { DEFLATED, STORED, zipEntryBytes, type ZipEntryReadContext } from './zipEntryData';

const FILE_TYPE = 0o170000;
const SPECIAL_TYPES: Record<number, string> = {
  0o010000: 'a FIFO',
  0o020000: 'a character device',
  0o060000: 'a block device',
  0o140000: 'a socket',
};
const METHOD_NAMES: Record<number, string> = {
  9: 'Deflate64',
  12: 'bzip2',
  14: 'LZMA',
  93: 'Zstandard',
  95: 'xz',
  98: 'PPMd',
};
/** A symbolic link's target is its content; PATH_MAX is 4096. */
const MAX_LINK_TARGET = 4096;

interface PlannedEntry {
  entry: ZipDirectoryEntry;
  path: string;
  kind: 'file' | 'directory' | 'symlink';
  /** The next entry's local header, or the central directory: this entry's data must end before it. */
  boundary: number;
}

/**
 * Everything that can be judged from the central directory alone is judged
 * before the first byte of data is read: paths, duplicates, special files,
 * encryption, methods, declared sizes and ratios.
 */
function planEntry(
  context: ZipEntryReadContext,
  entry: ZipDirectoryEntry,
  boundary: number,
): PlannedEntry {
  if (entry.flags & 1 || entry.method === 99) {
    throw unsupportedArchive(
      `Zip entry ${quoteName(entry.name)} is encrypted.`,
      'Ask CI for an unencrypted archive.',
    );
  }
  const path = normaliseEntryPath(entry.name);
  const type = entry.unixMode & FILE_TYPE;
  if (/[/\\]$/.test(entry.name) || type === 0o040000) {
    return { entry, path, kind: 'directory', boundary };
  }
  if (path === '') throw invalidArchive('A zip entry that is not a folder has an empty name.');
  const special =
    SPECIAL_TYPES[type] ??
    (type !== 0 && type !== 0o100000 && type !== 0o120000 ? 'of an unknown file type' : undefined);
  if (special !== undefined) {
    throw new CountersignError(
      'ARCHIVE_SPECIAL_FILE',
      `Entry ${quoteName(path)} is ${special}; build artifacts are never devices, FIFOs or sockets.`,
      'Do not use this archive; report it to the CI maintainers.',
    );
  }
  if (entry.method !== STORED && entry.method !== DEFLATED) {
    const name = METHOD_NAMES[entry.method] ?? `method ${entry.method}`;
    throw unsupportedArchive(
      `Zip entry ${quoteName(path)} is compressed with ${name}; Countersign reads stored and deflated entries.`,
      'Ask CI to create the zip with default settings (deflate).',
    );
  }
  if (entry.method === STORED && entry.compressedSize !== entry.uncompressedSize) {
    throw invalidArchive(`Zip entry ${quoteName(path)} is stored but its two sizes differ.`);
  }
  checkRatio(
    entry.uncompressedSize,
    entry.compressedSize,
    context.budget.limits.maxRatio,
    `Zip entry ${quoteName(path)}`,
  );
  if (type === 0o120000) {
    if (entry.uncompressedSize > MAX_LINK_TARGET) {
      throw invalidArchive(`Link ${quoteName(path)} has an implausibly long target.`);
    }
    return { entry, path, kind: 'symlink', boundary };
  }
  return { entry, path, kind: 'file', boundary };
}

/** For each local header offset, the next larger one (or the central directory); a shared offset is its own boundary. */
function boundaries(
  entries: ZipDirectoryEntry[],
  centralDirectoryOffset: number,
): Map<number, number> {
  const offsets = entries.map((entry) => entry.localHeaderOffset).sort((a, b) => a - b);
  const next = new Map<number, number>();
  offsets.forEach((offset, index) => {
    const following = offsets[index + 1] ?? centralDirectoryOffset;
    next.set(offset, next.has(offset) ? offset : following);
  });
  return next;
}

function planEntries(
  context: ZipEntryReadContext,
  entries: ZipDirectoryEntry[],
  centralDirectoryOffset: number,
): PlannedEntry[] {
  const next = boundaries(entries, centralDirectoryOffset);
  const seen = new Set<string>();
  let declaredTotal = 0;
  return entries.map((entry) => {
    const planned = planEntry(
      context,
      entry,
      next.get(entry.localHeaderOffset) ?? centralDirectoryOffset,
    );
    if (planned.kind === 'directory') return planned;
    if (seen.has(planned.path)) {
      throw new CountersignError(
        'ARCHIVE_DUPLICATE_ENTRY',
        `Entry ${quoteName(planned.path)} appears twice; which copy is the artifact would depend on the tool.`,
        'Do not use this archive; ask the CI maintainers to re-create it with each file once.',
      );
    }
    seen.add(planned.path);
    declaredTotal += entry.uncompressedSize;
    context.budget.checkTotal(declaredTotal);
    return planned;
  });
}

async function readLinkTarget(
  context: ZipEntryReadContext,
  planned: PlannedEntry,
): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of zipEntryBytes(context, planned.entry, planned.path, planned.boundary))
    parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

async function visitFile(
  context: ZipEntryReadContext,
  planned: PlannedEntry,
  visit: ArchiveVisitor,
): Promise<void> {
  const bytes = zipEntryBytes(context, planned.entry, planned.path, planned.boundary);
  const entry = new EntryStream(async () => {
    const next = await bytes.next();
    return next.done === true ? null : next.value;
  }, context.signal);
  try {
    try {
      await visit({
        path: planned.path,
        size: planned.entry.uncompressedSize,
        stream: entry.stream,
      });
    } catch (error) {
      throw await entry.abandon(error);
    }
    await entry.finish();
  } finally {
    // Closes the inflater if the entry was left part-way; a no-op once it has ended.
    await bytes.return(undefined);
  }
}

/**
 * Reads a zip through its central directory (the source of truth for names,
 * sizes and CRCs), then each entry's local header and data in directory order.
 * Regular files go to `visit`; links that stay inside are returned as skipped.
 */
export async function readZipArchive(
  context: ZipEntryReadContext,
  fileSize: number,
  visit: ArchiveVisitor,
): Promise<SkippedEntry[]> {
  // Directory reads are not counted as progress: the end-record search reads
  // the tail, which would count some bytes twice and pass 100% on small zips.
  const directory = await readZipDirectory(
    (position, length) => context.file.read(position, length),
    fileSize,
    (count) => context.budget.checkEntryCount(count),
  );
  const planned = planEntries(context, directory.entries, directory.centralDirectoryOffset);
  const skipped: SkippedEntry[] = [];
  for (const item of planned) {
    if (item.kind === 'directory') continue;
    if (item.kind === 'symlink') {
      const target = await readLinkTarget(context, item);
      resolveLinkTarget(item.path, target, 'symbolic');
      skipped.push({ path: item.path, reason: `symbolic link to ${quoteName(target)}` });
      continue;
    }
    await visitFile(context, item, visit);
  }
  return skipped;
}
