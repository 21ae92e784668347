import type { Readable } from 'node:stream';

/** One regular file of an archive, as it streams past. */
export interface ArchiveEntry {
  /** Relative, "/"-separated, normalised ("./a//b" → "a/b"), already checked for safety. */
  path: string;
  /** Bytes the stream will deliver (checked as they arrive). */
  size: number;
  stream: Readable;
}

/** An entry that is not an artifact (a link that stays inside the archive), with why. */
export interface SkippedEntry {
  path: string;
  reason: string;
}

/** Called once per regular file, in archive order; it must consume `entry.stream` (or the reader drains it). */
export type ArchiveVisitor = (entry: ArchiveEntry) => Promise<void>;
