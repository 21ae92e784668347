import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { compareDebianVersions } from '../lib/deb/debianVersion';
import { packagesIndexText, type PackagesIndexEntry } from '../lib/apt/writeIndexes';
import { byHashPath, indexDir } from './prodPaths';
import { xzCompress } from './xzCompress';

/** One package as the new suite will list it. */
export interface SuitePackage {
  component: string;
  package: string;
  version: string;
  architecture: string;
  entry: PackagesIndexEntry;
}

/** One index file of the new suite, with its bytes. */
export interface IndexFile {
  /** Relative to the suite's folder, e.g. "main/binary-amd64/Packages.xz". */
  path: string;
  bytes: Buffer;
  size: number;
  md5: string;
  sha256: string;
}

/**
 * The Release's Architectures. `all` packages are in every concrete
 * binary-<arch> index of their component, so apt on a listed architecture
 * finds them there; listing `all` as well would only make apt download
 * binary-all too (apt 2.6, measured). When the suite has no concrete
 * architecture, `all` is listed alone: apt then reads binary-all on any
 * machine, whatever its own architecture.
 */
export function releaseArchitectures(concrete: readonly string[]): string[] {
  return concrete.length > 0 ? [...concrete] : ['all'];
}

function byIdentity(a: SuitePackage, b: SuitePackage): number {
  if (a.package !== b.package) return a.package < b.package ? -1 : 1;
  const version = compareDebianVersions(a.version, b.version);
  if (version !== 0) return version;
  return a.architecture < b.architecture ? -1 : a.architecture > b.architecture ? 1 : 0;
}

/**
 * The text of every Packages index of the suite, by folder: for each
 * component, binary-all with its `all` packages, and binary-<arch> for every
 * concrete architecture of the suite with that architecture's packages and
 * the `all` ones. Every component gets every architecture's index, empty if
 * need be, so apt never misses a file the Release makes it expect.
 */
export function packagesIndexTexts(
  components: readonly string[],
  concrete: readonly string[],
  packages: readonly SuitePackage[],
): Map<string, string> {
  const texts = new Map<string, string>();
  for (const component of components) {
    const mine = packages.filter((pkg) => pkg.component === component).sort(byIdentity);
    for (const architecture of ['all', ...concrete]) {
      const listed = mine.filter(
        (pkg) => pkg.architecture === architecture || pkg.architecture === 'all',
      );
      texts.set(
        indexDir(component, architecture),
        packagesIndexText(listed.map((pkg) => pkg.entry)),
      );
    }
  }
  return texts;
}

const gzipAsync = promisify(gzip);

function indexFile(path: string, bytes: Buffer): IndexFile {
  return {
    path,
    bytes,
    size: bytes.length,
    md5: createHash('md5').update(bytes).digest('hex'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/**
 * Packages, Packages.gz (zlib) and Packages.xz (xz) for every index folder, in
 * memory. Every compression runs at once: gzip on libuv's thread pool, xz in
 * its own process, so each core works and the event loop stays free.
 */
export async function compressIndexes(
  texts: Map<string, string>,
  signal?: AbortSignal,
): Promise<IndexFile[]> {
  const folders = await Promise.all(
    [...texts].map(async ([dir, text]) => {
      const plain = Buffer.from(text, 'utf8');
      const [gz, xz] = await Promise.all([
        gzipAsync(plain, { level: 9 }),
        xzCompress(plain, signal),
      ]);
      return [
        indexFile(`${dir}/Packages`, plain),
        indexFile(`${dir}/Packages.gz`, gz),
        indexFile(`${dir}/Packages.xz`, xz),
      ];
    }),
  );
  return folders.flat();
}

/** One by-hash file to write, and which publication's index it is. */
export interface ByHashCopy {
  /** Relative to the suite: "<dir>/by-hash/SHA256/<sha256>". */
  path: string;
  sha256: string;
  /** The index it is a copy of, relative to its own suite folder. */
  of: string;
  from: 'new' | 'served';
}

/**
 * The by-hash files of a new publication: a copy of each of its own index
 * files, and of each index file of the publication served until now. A
 * client that fetched the old InRelease a moment before the switch then asks
 * for old hashes and still gets them: no "Hash Sum mismatch" (the pitfall of
 * publishers that keep only the newest).
 */
export function byHashCopies(
  fresh: readonly { path: string; sha256: string }[],
  served: readonly { path: string; sha256: string }[],
): ByHashCopy[] {
  const copies = new Map<string, ByHashCopy>();
  for (const [from, files] of [
    ['new', fresh],
    ['served', served],
  ] as const) {
    for (const file of files) {
      const path = byHashPath(file.path, file.sha256);
      if (!copies.has(path)) copies.set(path, { path, sha256: file.sha256, of: file.path, from });
    }
  }
  return [...copies.values()];
}
