import { createHash } from 'node:crypto';
import type { IndexFileCheck, UnexpectedItem } from '../../../shared/verify';
import type { AptPackage } from '../lib/apt/aptTypes';
import { compressionOf, decompressIndex } from '../lib/apt/decompressIndex';
import { FileTooLargeError } from '../lib/apt/locationErrors';
import { readPackagesIndex } from '../lib/apt/packagesIndex';
import type { ReleaseEntry, ReleaseFile } from '../lib/apt/releaseFile';
import type { RepositoryLocation } from '../lib/apt/repositoryLocation';

// As the reader: room for any real index, and a refusal of a decompression bomb.
const MAX_INDEX_BYTES = 1024 * 1024 * 1024;
const PACKAGES_INDEX = /^([^/]+(?:\/[^/]+)*)\/binary-([^/]+)\/Packages(\.xz|\.gz)?$/;

/** A package entry and whether every index listing it matches the Release. */
export interface ListedPackage extends AptPackage {
  /** Paths (relative to the suite) of the index files that list this exact entry. */
  listedIn: string[];
  /** Those of them whose bytes do not match the Release. */
  listedInMismatched: string[];
}

export interface SuiteIndexes {
  indexes: IndexFileCheck[];
  packages: ListedPackage[];
  unexpected: UnexpectedItem[];
}

/** `by-hash/SHA256/<hash>` beside a listed file: apt's immutable name for it. */
export function byHashPath(entry: ReleaseEntry): string {
  const slash = entry.path.lastIndexOf('/');
  const dir = slash < 0 ? '' : entry.path.slice(0, slash + 1);
  return `${dir}by-hash/SHA256/${entry.sha256}`;
}

async function readListed(
  location: RepositoryLocation,
  suite: string[],
  entry: ReleaseEntry,
  signal: AbortSignal | undefined,
): Promise<{ check: IndexFileCheck; bytes: Uint8Array | null }> {
  const base = { path: entry.path, size: entry.size, sha256: entry.sha256 };
  let bytes: Uint8Array | null;
  try {
    bytes = await location.readSmallFile(
      ['dists', ...suite, ...entry.path.split('/')],
      entry.size,
      signal,
    );
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      return {
        check: {
          ...base,
          status: 'mismatched',
          problem: `larger than the ${entry.size} bytes Release lists`,
        },
        bytes: null,
      };
    }
    throw error;
  }
  if (!bytes) {
    return {
      check: { ...base, status: 'missing', problem: 'Release lists it, but it is not there' },
      bytes,
    };
  }
  if (bytes.length !== entry.size) {
    return {
      check: {
        ...base,
        status: 'mismatched',
        problem: `${bytes.length} bytes instead of the ${entry.size} Release lists`,
      },
      bytes,
    };
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== entry.sha256) {
    return {
      check: {
        ...base,
        status: 'mismatched',
        problem: `SHA-256 ${actual} instead of the ${entry.sha256} Release lists`,
      },
      bytes,
    };
  }
  return { check: { ...base, status: 'verified', problem: null }, bytes };
}

/** An index's text, whole: the plain, .gz and .xz copies are compared by it. */
async function decompressed(bytes: Uint8Array, path: string, where: string): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of decompressIndex(bytes, compressionOf(path), MAX_INDEX_BYTES, where)) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * The packages an index text lists, parsed once per distinct text of a
 * component: a suite's plain, .gz and .xz copies normally say the same
 * thing, and parsing is what costs. A copy that says something else is
 * parsed on its own, so what it lists still shows.
 */
async function parsedOnce(
  parsed: Map<string, AptPackage[]>,
  component: string,
  text: Buffer,
  where: string,
): Promise<AptPackage[]> {
  const key = `${component}\u0000${createHash('sha256').update(text).digest('hex')}`;
  const known = parsed.get(key);
  if (known) return known;
  const listed = await readPackagesIndex([text], component, where);
  parsed.set(key, listed);
  return listed;
}

const entryKey = (pkg: AptPackage) =>
  [
    pkg.component,
    pkg.package,
    pkg.version,
    pkg.architecture,
    pkg.filename,
    pkg.size,
    pkg.sha256,
  ].join('\u0000');

/**
 * Checks every file the Release lists (present, size, SHA-256) and reads the
 * packages of every Packages index, matching or not: a package listed only by
 * a tampered index is still shown, with the index it came from named. With
 * Acquire-By-Hash, the by-hash copy of each file is checked too, since apt
 * fetches that one first.
 */
export async function checkSuiteIndexes(
  location: RepositoryLocation,
  suite: string[],
  release: ReleaseFile,
  signal?: AbortSignal,
): Promise<SuiteIndexes> {
  const indexes: IndexFileCheck[] = [];
  const unexpected: UnexpectedItem[] = [];
  const byKey = new Map<string, ListedPackage>();
  const parsed = new Map<string, AptPackage[]>();
  const where = (path: string) => `dists/${suite.join('/')}/${path}`;
  for (const entry of [...release.sha256.values()].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const { check, bytes } = await readListed(location, suite, entry, signal);
    indexes.push(check);
    if (release.acquireByHash && check.status !== 'missing') {
      const byHash = await readListed(
        location,
        suite,
        { ...entry, path: byHashPath(entry) },
        signal,
      );
      if (byHash.check.status !== 'missing') indexes.push(byHash.check);
    }
    const match = PACKAGES_INDEX.exec(entry.path);
    if (!bytes || !match) continue;
    const component = match[1] ?? '';
    let listed: AptPackage[];
    try {
      listed = await parsedOnce(
        parsed,
        component,
        await decompressed(bytes, entry.path, where(entry.path)),
        where(entry.path),
      );
    } catch (error) {
      unexpected.push({
        what: where(entry.path),
        problem: `cannot be read as a Packages index: ${error instanceof Error ? error.message : String(error)}`,
      });
      continue;
    }
    for (const pkg of listed) {
      const key = entryKey(pkg);
      const known = byKey.get(key) ?? { ...pkg, listedIn: [], listedInMismatched: [] };
      known.listedIn.push(entry.path);
      if (check.status !== 'verified') known.listedInMismatched.push(entry.path);
      byKey.set(key, known);
    }
  }
  return { indexes, packages: [...byKey.values()], unexpected };
}
