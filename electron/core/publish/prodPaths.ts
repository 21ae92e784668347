import { randomBytes } from 'node:crypto';
import { CountersignError } from '../../../shared/errors';
import type { Deb822Paragraph } from '../lib/deb/deb822';
import { parseDebianVersion, versionWithoutEpoch } from '../lib/deb/debianVersion';
import { quoted } from '../lib/apt/hostileText';
import type { PackageToPublish, ProdLayout } from './publishTypes';

/**
 * Where things live in apt-prod. Everything Countersign keeps for itself is
 * under `.countersign/`, beside the two folders apt reads:
 *
 *   pool/<component>/<letter or libX>/<source>/<package>_<version>_<arch>.deb
 *   dists -> .countersign/publications/<id>/dists      (a relative symlink)
 *   .countersign/publications/<id>/{dists/, publication.json, pool.json}
 *   .countersign/publish.lock                           (while a run writes)
 */
export const STATE_DIR = '.countersign';
export const PUBLICATIONS_DIR = `${STATE_DIR}/publications`;
export const LOCK_FILE = `${STATE_DIR}/publish.lock`;
/** Where a dists/ folder from before Countersign waits during its one-time migration. */
export const MIGRATION_ASIDE = `${STATE_DIR}/dists-before-countersign`;
export const PUBLICATION_JSON = 'publication.json';
/** Written before a run touches pool/: the pool files it is about to create. */
export const POOL_JOURNAL = 'pool.json';

const PUBLICATION_ID = /^\d{8}T\d{6}Z-[0-9a-f]{8}$/;
// Ours (".name.cs-<hex>.tmp") and writeFileAtomic's (".name.<hex>.tmp").
const TEMP_NAME = /^\..+\.(cs-)?[0-9a-f]{12}\.tmp$/;

const NAME = /^[A-Za-z0-9][A-Za-z0-9._+~-]{0,99}$/;
const ARCHITECTURE = /^[a-z0-9][a-z0-9-]{0,63}$/;
// Debian Policy 5.6.1: lower case letters, digits, + - . ; two characters at least.
const PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]{1,199}$/;
const HEX32 = /^[0-9a-f]{32}$/;
const HEX64 = /^[0-9a-f]{64}$/;

function invalidPublication(message: string, hint?: string): CountersignError {
  return new CountersignError(
    'INVALID_PUBLICATION',
    message,
    hint ?? 'Check the apt-prod settings in project.json and the packages selected.',
  );
}

/** Refuses a suite, codename or component name that could be read as a path. */
export function checkName(what: string, name: string): string {
  if (!NAME.test(name) || name.includes('..')) {
    throw invalidPublication(
      `The ${what} ${quoted(name)} is not a name apt-prod can use: one word of letters, digits and . _ + ~ -, without "/" or "..".`,
    );
  }
  return name;
}

/** The layout's names, checked; Origin and Label are single lines. */
export function checkLayout(layout: ProdLayout): void {
  checkName('suite', layout.suite);
  checkName('codename', layout.codename);
  for (const [what, value] of [
    ['origin', layout.origin],
    ['label', layout.label],
  ] as const) {
    if (value.trim() === '' || /[\r\n]/.test(value)) {
      throw invalidPublication(`The ${what} ${quoted(value)} must be one non-empty line.`);
    }
  }
  const seconds = layout.validForSeconds;
  if (seconds !== undefined && (!Number.isSafeInteger(seconds) || seconds <= 0)) {
    throw invalidPublication(
      `Valid-Until must lie a whole number of seconds ahead, not ${seconds}.`,
    );
  }
}

/** The package's control file and the identity given with it must agree, and be well-formed. */
export function checkPackage(pkg: PackageToPublish): void {
  const who = `${pkg.file}`;
  for (const field of ['Package', 'Version', 'Architecture'] as const) {
    if (!pkg.control.get(field)?.trim()) {
      throw invalidPublication(
        `${quoted(who)} has no ${field} field in its control file, so it cannot be indexed.`,
        'Only Debian binary packages built by dpkg-deb can be published.',
      );
    }
  }
  const pairs = [
    ['Package', pkg.package],
    ['Version', pkg.version],
    ['Architecture', pkg.architecture],
  ] as const;
  for (const [field, value] of pairs) {
    if (pkg.control.get(field)?.trim() !== value) {
      throw invalidPublication(
        `${quoted(who)} says ${field}: ${quoted(pkg.control.get(field) ?? '')} but was given as ${quoted(value)}.`,
      );
    }
  }
  if (!PACKAGE_NAME.test(pkg.package)) {
    throw invalidPublication(`${quoted(pkg.package)} is not a Debian package name.`);
  }
  if (!parseDebianVersion(pkg.version)) {
    throw invalidPublication(`${quoted(pkg.version)} (${pkg.package}) is not a Debian version.`);
  }
  if (!ARCHITECTURE.test(pkg.architecture)) {
    throw invalidPublication(`${quoted(pkg.architecture)} is not an architecture name.`);
  }
  checkName('component', pkg.component);
  if (!Number.isSafeInteger(pkg.size) || pkg.size < 0) {
    throw invalidPublication(`${quoted(who)} has the size ${pkg.size}, which is not a byte count.`);
  }
  if (!HEX64.test(pkg.sha256) || !HEX32.test(pkg.md5)) {
    throw invalidPublication(`${quoted(who)} needs its SHA-256 and MD5 as lower-case hex.`);
  }
  sourceOf(pkg.control, pkg.package);
}

/** The source package a binary comes from: `Source: name (version)` or the package itself. */
export function sourceOf(control: Deb822Paragraph, packageName: string): string {
  const source = control.get('Source')?.trim().split(/\s+/)[0] ?? packageName;
  if (!PACKAGE_NAME.test(source)) {
    throw invalidPublication(`The Source field ${quoted(source)} is not a Debian package name.`);
  }
  return source;
}

/** Debian's pool prefix: "libfoo" goes under "libf", everything else under its first letter. */
export function poolPrefix(source: string): string {
  return source.startsWith('lib') && source.length > 3 ? source.slice(0, 4) : source.slice(0, 1);
}

/** Where a package lives in the pool, relative to apt-prod's root. */
export function poolPathOf(pkg: PackageToPublish): string {
  const source = sourceOf(pkg.control, pkg.package);
  const file = `${pkg.package}_${versionWithoutEpoch(pkg.version)}_${pkg.architecture}.deb`;
  return `pool/${pkg.component}/${poolPrefix(source)}/${source}/${file}`;
}

/** A component's index folder for one architecture, relative to the suite. */
export function indexDir(component: string, architecture: string): string {
  return `${component}/binary-${architecture}`;
}

/** Where apt finds a file by its SHA-256 when the Release says Acquire-By-Hash. */
export function byHashPath(indexPath: string, sha256: string): string {
  const slash = indexPath.lastIndexOf('/');
  const dir = slash >= 0 ? indexPath.slice(0, slash + 1) : '';
  return `${dir}by-hash/SHA256/${sha256}`;
}

/** A new publication's id: its date, sortable, and a random part so two in one second differ. */
export function newPublicationId(date: Date): string {
  const stamp = date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}

export function isPublicationId(name: string): boolean {
  return PUBLICATION_ID.test(name);
}

/** The relative target of the `dists` symlink for a publication. */
export function distsLinkTarget(id: string): string {
  return `${PUBLICATIONS_DIR}/${id}/dists`;
}

/** The publication a `dists` symlink names, or null when it names anything else. */
export function publicationOfLink(target: string): string | null {
  const prefix = `${PUBLICATIONS_DIR}/`;
  if (!target.startsWith(prefix) || !target.endsWith('/dists')) return null;
  const id = target.slice(prefix.length, -'/dists'.length);
  return isPublicationId(id) ? id : null;
}

/** A temp name beside `name` that recovery recognises as ours. */
export function tempNameFor(name: string): string {
  return `.${name}.cs-${randomBytes(6).toString('hex')}.tmp`;
}

/** A temp file a killed run may have left: ours, or one of writeFileAtomic. */
export function isTempName(name: string): boolean {
  return TEMP_NAME.test(name);
}
