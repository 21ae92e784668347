import { CountersignError } from '../../../../shared/errors';
import { quoteName } from './archiveErrors';

/** What an archive may cost us before it is refused as a bomb. */
export interface ArchiveLimits {
  /** Bytes produced by decompression, in total (tar stream, or zip entries' contents). */
  maxTotalBytes: number;
  /** Decompressed bytes per compressed byte, for the archive and for each zip entry. */
  maxRatio: number;
  /** Files, folders and links together. */
  maxEntries: number;
}

/** Generous for real CI output (a large Debian repository compresses 3–10×), fatal for bombs. */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxTotalBytes: 64 * 1024 ** 3,
  maxRatio: 200,
  maxEntries: 100_000,
};

/**
 * Below this many decompressed bytes the ratio is not judged: a small file of
 * zeros compresses 1000:1 and is no threat, and judging the first few chunks
 * would refuse honest archives whose compressor has not yet reached steady state.
 */
export const RATIO_GRACE_BYTES = 1024 * 1024;

/** The defaults with the caller's overrides applied. */
export function resolveArchiveLimits(limits: Partial<ArchiveLimits> | undefined): ArchiveLimits {
  return { ...DEFAULT_ARCHIVE_LIMITS, ...limits };
}

const tooLargeHint =
  'If this archive is genuine, raise the limit for this CI source; otherwise do not use it.';

/** Refuses when `unpacked` bytes came out of only `compressed` bytes, beyond the ratio allowed. */
export function checkRatio(
  unpacked: number,
  compressed: number,
  maxRatio: number,
  what: string,
): void {
  if (unpacked <= RATIO_GRACE_BYTES) return;
  if (unpacked <= maxRatio * compressed) return;
  throw new CountersignError(
    'ARCHIVE_RATIO',
    `${what} expands more than ${maxRatio} times (${unpacked} bytes from ${compressed}); this is how a decompression bomb looks, so reading stopped.`,
    tooLargeHint,
  );
}

/**
 * Running totals for one archive. Every decompressed byte passes through
 * `addUnpacked`, so limits hold on bytes actually produced, never on sizes the
 * archive declares.
 */
export class UnpackBudget {
  compressedBytes = 0;
  unpackedBytes = 0;
  entries = 0;

  constructor(readonly limits: ArchiveLimits) {}

  addCompressed(bytes: number): void {
    this.compressedBytes += bytes;
  }

  /** Counts decompressed bytes and refuses at once when the total or the ratio is exceeded. */
  addUnpacked(bytes: number): void {
    this.unpackedBytes += bytes;
    this.checkTotal(this.unpackedBytes);
    checkRatio(this.unpackedBytes, this.compressedBytes, this.limits.maxRatio, 'The archive');
  }

  /** Refuses early when a size the archive declares would already break the total. */
  checkTotal(bytes: number, entryPath?: string): void {
    if (bytes <= this.limits.maxTotalBytes) return;
    const subject = entryPath === undefined ? 'The archive' : `Entry ${quoteName(entryPath)}`;
    throw new CountersignError(
      'ARCHIVE_TOO_LARGE',
      `${subject} unpacks to more than ${this.limits.maxTotalBytes} bytes, the limit for one archive.`,
      tooLargeHint,
    );
  }

  countEntry(): void {
    this.entries += 1;
    this.checkEntryCount(this.entries);
  }

  /** Refuses `count` entries when that is over the limit (a zip declares its count up front). */
  checkEntryCount(count: number): void {
    if (count <= this.limits.maxEntries) return;
    throw new CountersignError(
      'ARCHIVE_TOO_LARGE',
      `The archive holds more than ${this.limits.maxEntries} entries, the limit for one archive.`,
      tooLargeHint,
    );
  }
}
