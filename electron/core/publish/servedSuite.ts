import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as openpgp from 'openpgp';
import type { AptPackage } from '../lib/apt/aptTypes';
import { compressionOf, decompressIndex } from '../lib/apt/decompressIndex';
import { quoted } from '../lib/apt/hostileText';
import { readPackagesIndex } from '../lib/apt/packagesIndex';
import { parseReleaseFile, type ReleaseEntry } from '../lib/apt/releaseFile';
import { hostileLayout, lstatOrNull } from './durableFs';
import { indexDir } from './prodPaths';
import { servedReleaseText, tampered } from './releaseSignatures';
import type { PublicationInfo } from './publishTypes';

/** One package the served suite lists, with its MD5sum when the index has one. */
export type ServedPackage = AptPackage & { md5: string | undefined };

/** The suite Countersign publishes to, as apt-prod serves it now. */
export interface ServedSuite {
  components: string[];
  /** The Release's Architectures, `all` left out. */
  concreteArchitectures: string[];
  packages: ServedPackage[];
  /** Every file the Release lists that is present, for the next publication's by-hash copies. */
  indexFiles: ReleaseEntry[];
  /** Whether its clients fetch indexes by hash. */
  acquireByHash: boolean;
}

// Indexes are kilobytes to a few MiB; these only bound what a hostile file can cost.
const MAX_INDEX_BYTES = 256 * 1024 * 1024;
const MAX_UNPACKED_BYTES = 1024 * 1024 * 1024;
const HEX32 = /^[0-9a-f]{32}$/;

async function readIfFile(path: string): Promise<Buffer | null> {
  const stats = await lstatOrNull(path);
  if (!stats) return null;
  if (!stats.isFile()) throw hostileLayout(`${path} is not a regular file.`);
  if (stats.size > MAX_INDEX_BYTES) throw hostileLayout(`${path} is far larger than any index.`);
  return readFile(path);
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Reads one suite of the served dists: its Release (signed by `keys` when
 * given; its InRelease matching the hash its publication recorded), then each
 * component's binary indexes, each checked against the Release before it is
 * read. Null when the suite does not exist yet.
 */
export async function readServedSuite(
  distsDir: string,
  suite: string,
  publication: PublicationInfo | null,
  keys: openpgp.PublicKey[] | undefined,
): Promise<ServedSuite | null> {
  const suiteDir = join(distsDir, suite);
  const stats = await lstatOrNull(suiteDir);
  if (!stats) return null;
  if (!stats.isDirectory()) {
    throw hostileLayout(
      `${suiteDir} is not a folder (a link?); Countersign publishes to a real folder.`,
    );
  }
  const inRelease = await readIfFile(join(suiteDir, 'InRelease'));
  const release = await readIfFile(join(suiteDir, 'Release'));
  const releaseGpg = await readIfFile(join(suiteDir, 'Release.gpg'));
  const text = await servedReleaseText({ inRelease, release, releaseGpg }, keys, `dists/${suite}`);
  const pinned = publication?.releaseSha256;
  if (pinned) {
    const actual = inRelease ?? release;
    if (!actual || sha256Of(actual) !== pinned) {
      throw tampered(
        `dists/${suite}/${inRelease ? 'InRelease' : 'Release'} is not the one publication ${publication.id} signed.`,
      );
    }
  }
  if (text === null) return null;
  const parsed = parseReleaseFile(text);

  const indexFiles: ReleaseEntry[] = [];
  for (const entry of parsed.sha256.values()) {
    const present = await lstatOrNull(join(suiteDir, entry.path));
    if (present?.isFile()) indexFiles.push(entry);
  }
  const packages: ServedPackage[] = [];
  const seen = new Set<string>();
  const architectures = [...new Set([...parsed.architectures, 'all'])];
  for (const component of parsed.components) {
    for (const architecture of architectures) {
      const dir = indexDir(component, architecture);
      for (const pkg of await readIndexDir(suiteDir, dir, component, parsed.sha256)) {
        const key = [pkg.component, pkg.package, pkg.version, pkg.architecture].join(' ');
        if (seen.has(key)) continue;
        seen.add(key);
        packages.push(pkg);
      }
    }
  }
  return {
    components: parsed.components,
    concreteArchitectures: parsed.architectures.filter((architecture) => architecture !== 'all'),
    packages,
    indexFiles,
    acquireByHash: parsed.acquireByHash,
  };
}

/** The packages of one index folder: the first of Packages, .gz, .xz that the Release lists and is there. */
async function readIndexDir(
  suiteDir: string,
  dir: string,
  component: string,
  listed: Map<string, ReleaseEntry>,
): Promise<ServedPackage[]> {
  for (const name of ['Packages', 'Packages.gz', 'Packages.xz']) {
    const entry = listed.get(`${dir}/${name}`);
    if (!entry) continue;
    const bytes = await readIfFile(join(suiteDir, entry.path));
    if (!bytes) continue;
    if (bytes.length !== entry.size || sha256Of(bytes) !== entry.sha256) {
      throw tampered(`${quoted(entry.path)} does not match its hash in the served Release.`);
    }
    const label = `apt-prod's ${entry.path}`;
    const found = await readPackagesIndex(
      decompressIndex(bytes, compressionOf(name), MAX_UNPACKED_BYTES, label),
      component,
      label,
    );
    return found.map((pkg) => {
      const md5 = pkg.control.get('MD5sum')?.trim().toLowerCase();
      return { ...pkg, md5: md5 && HEX32.test(md5) ? md5 : undefined };
    });
  }
  return [];
}

/** The suites a dists folder holds (folders and links alike), ours included. */
export async function suitesIn(distsDir: string): Promise<string[]> {
  return (await readdir(distsDir)).filter((name) => !name.startsWith('.')).sort();
}
