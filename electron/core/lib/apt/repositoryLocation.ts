import { CountersignError } from '../../../../shared/errors';
import { HttpRepository } from './httpRepository';
import { LocalRepository } from './localRepository';

/** Bytes from some offset of a file, as the location can deliver them. */
export interface ByteRange {
  /** Where the bytes start: the offset asked for, or 0 when the source could only start over. */
  start: number;
  body: AsyncIterable<Uint8Array>;
}

/**
 * Where a repository lives: a local folder or an http(s) URL. Paths are
 * segments already checked by `safeRelativePath`, so no location can be made
 * to read outside its root.
 */
export interface RepositoryLocation {
  /** The root as a person would recognise it, for messages. */
  readonly display: string;
  /**
   * A whole (small) file, or null when it does not exist. More than `maxBytes`
   * is refused: the size caps are what keep a hostile server from making us
   * buffer gigabytes.
   */
  readSmallFile(path: string[], maxBytes: number, signal?: AbortSignal): Promise<Uint8Array | null>;
  /** The suites under `dists/`, or null when the location cannot list folders (HTTP). */
  listSuites(signal?: AbortSignal): Promise<string[] | null>;
  /** A file's bytes from `offset` on (or from 0, when it cannot resume); null when it does not exist. */
  openRange(path: string[], offset: number, signal?: AbortSignal): Promise<ByteRange | null>;
}

/** Opens a repository root: an `http://` or `https://` URL, or a local path. */
export function openRepositoryLocation(root: string): RepositoryLocation {
  if (/^https?:\/\//i.test(root)) return new HttpRepository(root);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(root)) {
    throw new CountersignError(
      'INVALID_REPOSITORY',
      `${JSON.stringify(root.slice(0, 200))} is neither a local folder nor an http(s) URL.`,
      'Give the repository root (the folder holding dists/ and pool/) as a path or an http:// or https:// URL.',
    );
  }
  return new LocalRepository(root);
}
