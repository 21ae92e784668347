import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CountersignError } from '../../../../shared/errors';
import type { AptPackage } from './aptTypes';
import { quoted } from './hostileText';
import { cancelledIfAborted } from './locationErrors';
import { openRepositoryLocation } from './repositoryLocation';
import { safeRelativePath } from './repositoryPath';

export interface FetchPackageOptions {
  signal?: AbortSignal;
  /** Called as bytes arrive (a resumed download starts at what the partial file held). */
  onBytes?: (bytesSoFar: number, total: number) => void;
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Feeds a file already on disk into the hash, streaming. */
async function hashFile(path: string, hash: Hash, signal?: AbortSignal): Promise<void> {
  try {
    for await (const chunk of createReadStream(path, signal ? { signal } : {})) {
      hash.update(chunk as Buffer);
    }
  } catch (error) {
    cancelledIfAborted(signal);
    throw error;
  }
}

async function fileVerifies(path: string, pkg: AptPackage, signal?: AbortSignal): Promise<boolean> {
  if ((await sizeOf(path)) !== pkg.size) return false;
  const hash = createHash('sha256');
  await hashFile(path, hash, signal);
  return hash.digest('hex') === pkg.sha256;
}

/** Makes a rename survive a crash: the folder's entry is flushed too. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function label(pkg: AptPackage): string {
  return `${quoted(pkg.package)} ${quoted(pkg.version, 60)} (${quoted(pkg.architecture, 20)})`;
}

function incomplete(pkg: AptPackage, bytes: number, detail: string): CountersignError {
  return new CountersignError(
    'DOWNLOAD_INCOMPLETE',
    `Downloading ${label(pkg)} stopped after ${bytes} of ${pkg.size} bytes (${detail}).`,
    'This is a network or server problem, not a difference in the package. Run the same step again: it resumes where it stopped.',
  );
}

function hashMismatch(pkg: AptPackage, actual: string | null, detail: string): CountersignError {
  const got = actual ? `, got ${actual}` : '';
  return new CountersignError(
    'PACKAGE_HASH_MISMATCH',
    `The file of ${label(pkg)} (${quoted(pkg.filename, 120)}) is not the one the signed index vouches for: ${detail}. Expected SHA-256 ${pkg.sha256}${got}.`,
    'The package was replaced or corrupted after the repository was signed. Do not use it; ask CI to publish the repository again.',
  );
}

function cancelled(pkg: AptPackage): CountersignError {
  return new CountersignError(
    'CANCELLED',
    `Downloading ${label(pkg)} was cancelled; what arrived is kept, and the next run resumes from there.`,
  );
}

interface Progress {
  written: number;
  hash: Hash;
}

/**
 * Appends the rest of the file to the partial one, from where it stopped (or
 * from the start, when the source cannot resume). Returns how many bytes the
 * partial file now holds and the hash over all of them.
 */
async function downloadRest(
  root: string,
  segments: string[],
  pkg: AptPackage,
  partial: string,
  resumed: Progress,
  options: FetchPackageOptions,
): Promise<Progress> {
  const { signal, onBytes } = options;
  const location = openRepositoryLocation(root);
  let { written, hash } = resumed;
  // Opened before the request, so that no response is ever left unread.
  const handle = await open(partial, 'a');
  try {
    const range = await location.openRange(segments, written, signal);
    if (!range) {
      throw new CountersignError(
        'PACKAGE_NOT_FOUND',
        `The signed index lists ${label(pkg)} at ${quoted(pkg.filename, 120)}, but ${location.display} has no such file.`,
        'The repository is incomplete (a partial upload or mirror). Ask CI to publish it again.',
      );
    }
    if (range.start === 0 && written > 0) {
      // The source could not resume: start over, hashing from the first byte.
      await handle.truncate(0);
      hash = createHash('sha256');
      written = 0;
      onBytes?.(0, pkg.size);
    }
    for await (const chunk of range.body) {
      if (written + chunk.length > pkg.size) {
        throw hashMismatch(pkg, null, `it is larger than the ${pkg.size} bytes the index says`);
      }
      hash.update(chunk);
      await handle.write(chunk);
      written += chunk.length;
      onBytes?.(written, pkg.size);
    }
    await handle.sync();
  } catch (error) {
    if (signal?.aborted) throw cancelled(pkg);
    if (error instanceof CountersignError) throw error;
    throw incomplete(pkg, written, error instanceof Error ? error.message : String(error));
  } finally {
    await handle.close().catch(() => {});
  }
  return { written, hash };
}

/**
 * Downloads (or copies, for a local repository) one package into `destDir`
 * as `<sha256>.deb`, resuming a previous partial download, and verifying size
 * and SHA-256 before the file appears under its final name: a file under
 * that name is always the one the signed index vouches for. An existing
 * `<sha256>.deb` that verifies is reused. Memory stays constant whatever the
 * package's size. Returns the final path.
 *
 * Short downloads throw DOWNLOAD_INCOMPLETE and keep `<sha256>.deb.partial`
 * for the next call to resume (with an HTTP Range request); a wrong hash or
 * size throws PACKAGE_HASH_MISMATCH and deletes the partial file; an abort
 * throws CANCELLED and keeps the partial. Two calls must not fetch the same
 * package into the same folder at once.
 */
export async function fetchPackage(
  root: string,
  pkg: AptPackage,
  destDir: string,
  options: FetchPackageOptions = {},
): Promise<string> {
  const { signal, onBytes } = options;
  const segments = safeRelativePath(pkg.filename, `The index entry for ${label(pkg)}`);
  if (!/^[0-9a-f]{64}$/.test(pkg.sha256) || !Number.isSafeInteger(pkg.size) || pkg.size < 0) {
    throw new CountersignError(
      'INVALID_REPOSITORY',
      `The index entry for ${label(pkg)} has no valid SHA-256 and size, so it cannot be fetched safely.`,
    );
  }
  await mkdir(destDir, { recursive: true });
  const final = join(destDir, `${pkg.sha256}.deb`);
  const partial = `${final}.partial`;
  cancelledIfAborted(signal);

  if ((await sizeOf(final)) !== null) {
    if (await fileVerifies(final, pkg, signal)) {
      onBytes?.(pkg.size, pkg.size);
      return final;
    }
    // Corrupted since it was verified (disk, or someone's hand): fetch it anew.
    await rm(final, { force: true });
  }

  let progress: Progress = { written: (await sizeOf(partial)) ?? 0, hash: createHash('sha256') };
  if (progress.written > pkg.size) {
    await rm(partial, { force: true });
    progress.written = 0;
  }
  if (progress.written > 0) await hashFile(partial, progress.hash, signal);
  onBytes?.(progress.written, pkg.size);
  if (progress.written < pkg.size) {
    try {
      progress = await downloadRest(root, segments, pkg, partial, progress, options);
    } catch (error) {
      // A wrong file is not worth resuming; anything else keeps what arrived.
      if (error instanceof CountersignError && error.code === 'PACKAGE_HASH_MISMATCH') {
        await rm(partial, { force: true });
      }
      throw error;
    }
  }
  const { written, hash } = progress;
  if (written < pkg.size) throw incomplete(pkg, written, 'the server ended the file early');

  const actual = hash.digest('hex');
  if (actual !== pkg.sha256) {
    await rm(partial, { force: true });
    throw hashMismatch(pkg, actual, 'its content differs');
  }
  await rename(partial, final);
  await syncFolder(destDir);
  return final;
}
