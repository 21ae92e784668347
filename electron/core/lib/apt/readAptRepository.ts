import type * as openpgp from 'openpgp';
import { CountersignError } from '../../../../shared/errors';
import type { AptPackage, AptRepositorySnapshot, AptSelection } from './aptTypes';
import { chooseSuite } from './chooseSuite';
import { fetchPackagesIndex } from './fetchPackagesIndex';
import { quoted, quotedList } from './hostileText';
import { cancelledIfAborted } from './locationErrors';
import { readSignedRelease } from './readSignedRelease';
import { openRepositoryLocation } from './repositoryLocation';
import { planIndexes } from './selectIndexes';
import { isDebugSymbolsPackage } from '../deb/debugSymbols';
import { isBuiltFrom } from './sourceOfPackage';

export type { AptPackage, AptRepositorySnapshot, AptSelection, SignatureReport } from './aptTypes';
export { fetchPackage } from './downloadPackage';
export type { SourceRelease } from './sourceOfPackage';

export interface ReadAptRepositoryOptions {
  /** The time signatures, keys and Valid-Until are judged at; default now. */
  now?: Date;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

/**
 * The same package (name, version, architecture) may be listed twice, e.g.
 * an `all` package in binary-amd64 and binary-all: kept once. Listed twice
 * with different files, it is ambiguous, and a comparison cannot pick one.
 */
function withoutDuplicates(packages: AptPackage[]): AptPackage[] {
  const seen = new Map<string, AptPackage>();
  for (const pkg of packages) {
    const key = `${pkg.package}\u0000${pkg.version}\u0000${pkg.architecture}`;
    const earlier = seen.get(key);
    if (!earlier) {
      seen.set(key, pkg);
    } else if (earlier.sha256 !== pkg.sha256) {
      throw new CountersignError(
        'INVALID_REPOSITORY',
        `The repository lists ${quoted(pkg.package)} ${quoted(pkg.version, 60)} (${quoted(pkg.architecture, 20)}) twice with different files (${quoted(earlier.filename, 120)} and ${quoted(pkg.filename, 120)}).`,
        'One name and version must be one file. Ask the repository owner to remove the stale entry, or select one component (--component NAME).',
      );
    }
  }
  return [...seen.values()];
}

function selected(packages: AptPackage[], names: string[] | undefined): AptPackage[] {
  if (names === undefined || names.length === 0) return packages;
  const present = new Set(packages.map((pkg) => pkg.package));
  // Debug symbols are asked for where a repository has them; their absence is normal.
  const missing = names.filter((name) => !present.has(name) && !isDebugSymbolsPackage(name));
  if (missing.length > 0) {
    throw new CountersignError(
      'PACKAGE_NOT_FOUND',
      `The repository has no package named ${quotedList(missing)} in the selected suite, components and architectures. It has ${quotedList([...present].sort())}.`,
      'Check the package names (--packages), or the suite, component and architecture selected.',
    );
  }
  const wanted = new Set(names);
  return packages.filter((pkg) => wanted.has(pkg.package));
}

// Code-unit order, so the listing is the same on every machine and locale.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const order = (a: AptPackage, b: AptPackage) =>
  compare(a.package, b.package) ||
  compare(a.version, b.version) ||
  compare(a.architecture, b.architecture);

/**
 * Verifies an apt repository's Release and reads the selected Packages
 * indexes, trusting nothing on the way: the Release must carry a valid
 * signature by one of `trustedKeys` (judged at `now`), only the signed text
 * is read, every index must match the size and SHA-256 the signed Release
 * lists before it is unpacked, and every path stays inside `root`.
 *
 * `root` is a local folder or an http(s) URL of the folder holding `dists/`
 * and `pool/`. Failures throw CountersignError: environment problems
 * (REPOSITORY_UNREACHABLE) are kept apart from repositories that are
 * refused (REPOSITORY_UNSIGNED, REPOSITORY_SIGNATURE_INVALID,
 * REPOSITORY_EXPIRED, INDEX_HASH_MISMATCH, INDEX_MISSING, INVALID_REPOSITORY)
 * and from selections that do not match (SUITE_AMBIGUOUS, PACKAGE_NOT_FOUND).
 */
export async function readAptRepository(
  root: string,
  trustedKeys: openpgp.PublicKey[],
  selection: AptSelection,
  options: ReadAptRepositoryOptions = {},
): Promise<AptRepositorySnapshot> {
  const { signal } = options;
  const now = options.now ?? new Date();
  const log = options.log ?? (() => {});
  const location = openRepositoryLocation(root);
  const suite = await chooseSuite(location, selection.suite, signal);
  log(`reading suite ${quoted(suite.join('/'))} of ${location.display}`);

  const signed = await readSignedRelease(location, suite, trustedKeys, now, signal, log);
  log(
    `${signed.file} verified (SHA-256 ${signed.releaseSha256}), signed by ${signed.signedBy.join(', ')}`,
  );

  const plan = planIndexes(signed.release, selection);
  for (const pair of plan.unlisted) {
    log(`Release lists no Packages index for ${quoted(pair)}; nothing to read there`);
  }
  const packages: AptPackage[] = [];
  for (const target of plan.targets) {
    cancelledIfAborted(signal);
    packages.push(
      ...(await fetchPackagesIndex(
        location,
        suite,
        target,
        signed.release.acquireByHash,
        signal,
        log,
      )),
    );
  }
  const listed = withoutDuplicates(packages);
  const source = selection.source;
  const ofRelease = source ? listed.filter((pkg) => isBuiltFrom(pkg, source)) : listed;
  if (source) {
    log(
      `${ofRelease.length} of ${listed.length} package(s) were built from ${quoted(source.name)} ${quoted(source.version, 60)}; only those are read`,
    );
  }
  const chosen = selected(ofRelease, selection.packages).sort(order);
  log(`${chosen.length} package(s) selected`);
  return {
    root,
    suite: suite.join('/'),
    components: plan.components,
    architectures: plan.architectures,
    signedBy: signed.signedBy,
    signatures: signed.signatures,
    releaseSha256: signed.releaseSha256,
    packages: chosen,
  };
}
