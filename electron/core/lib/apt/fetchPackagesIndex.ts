import { createHash } from 'node:crypto';
import { CountersignError } from '../../../../shared/errors';
import type { AptPackage } from './aptTypes';
import { decompressIndex } from './decompressIndex';
import { quoted } from './hostileText';
import { FileTooLargeError } from './locationErrors';
import { readPackagesIndex } from './packagesIndex';
import type { RepositoryLocation } from './repositoryLocation';
import type { IndexTarget, IndexVariant } from './selectIndexes';

// Debian's biggest Packages index unpacks to about 100 MiB; ten times that is
// room for any real repository and still refuses a decompression bomb.
const MAX_INDEX_BYTES = 1024 * 1024 * 1024;

function mismatch(where: string, detail: string): CountersignError {
  return new CountersignError(
    'INDEX_HASH_MISMATCH',
    `${where} does not match what the signed Release says about it (${detail}).`,
    'The index was changed after the repository was signed, or the repository is mid-publish. Try again in a few minutes; if it persists, do not use the repository and tell its owner.',
  );
}

/** The file's bytes, from its by-hash name first when the repository offers them. */
async function readVariant(
  location: RepositoryLocation,
  suiteDir: string[],
  variant: IndexVariant,
  acquireByHash: boolean,
  signal: AbortSignal | undefined,
): Promise<{ bytes: Uint8Array; path: string } | null> {
  const segments = variant.path.split('/');
  const names = [segments];
  if (acquireByHash) {
    // by-hash names are immutable, so a publish in progress cannot swap the
    // file between Release and us; the plain name is the fallback apt uses too.
    names.unshift([...segments.slice(0, -1), 'by-hash', 'SHA256', variant.sha256]);
  }
  for (const name of names) {
    const path = [...suiteDir, ...name];
    const where = quoted(path.join('/'), 200);
    try {
      // Never read more than Release says the file holds (plus one byte, to notice).
      const bytes = await location.readSmallFile(path, variant.size, signal);
      if (bytes) return { bytes, path: where };
    } catch (error) {
      if (error instanceof FileTooLargeError) {
        throw mismatch(where, `it is larger than the ${variant.size} bytes listed`);
      }
      throw error;
    }
  }
  return null;
}

/**
 * Reads one component/architecture's Packages index: the first variant
 * (xz, gz, plain) that Release lists and the repository holds. Its size and
 * SHA-256 are checked against Release before it is unpacked, so nothing
 * unverified ever reaches a decompressor or parser.
 */
export async function fetchPackagesIndex(
  location: RepositoryLocation,
  suite: string[],
  target: IndexTarget,
  acquireByHash: boolean,
  signal: AbortSignal | undefined,
  log: (line: string) => void,
): Promise<AptPackage[]> {
  const suiteDir = ['dists', ...suite];
  for (const variant of target.variants) {
    if (variant.size > MAX_INDEX_BYTES) {
      throw new CountersignError(
        'INVALID_REPOSITORY',
        `The Release lists ${quoted(variant.path)} at ${variant.size} bytes, larger than any real package index.`,
        'The repository is damaged or hostile; ask its owner to republish it.',
      );
    }
    const found = await readVariant(location, suiteDir, variant, acquireByHash, signal);
    if (!found) continue;
    const { bytes, path } = found;
    if (bytes.length !== variant.size) {
      throw mismatch(path, `${bytes.length} bytes instead of ${variant.size}`);
    }
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== variant.sha256) {
      throw mismatch(path, `SHA-256 ${actual} instead of ${variant.sha256}`);
    }
    log(`read ${path} (${bytes.length} bytes, SHA-256 as signed)`);
    return readPackagesIndex(
      decompressIndex(bytes, variant.compression, MAX_INDEX_BYTES, path),
      target.component,
      path,
    );
  }
  throw new CountersignError(
    'INDEX_MISSING',
    `The signed Release lists the ${quoted(`${target.component}/binary-${target.architecture}`)} package index (${target.variants.map((variant) => quoted(variant.path.split('/').pop() ?? '')).join(', ')}), but ${location.display} holds none of them.`,
    'The repository is incomplete (a partial upload or mirror, or mid-publish). Try again later, or ask its owner to publish it again.',
  );
}
