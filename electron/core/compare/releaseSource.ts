import type * as openpgp from 'openpgp';
import type { VersionMismatch } from '../../../shared/compare';
import { runGit } from '../lib/git/runGit';
import { readAptRepository, type SourceRelease } from '../lib/apt/readAptRepository';
import { sourceOfPackage } from '../lib/apt/sourceOfPackage';
import { compareDebianVersions } from '../lib/deb/debianVersion';
import { readChangelogAt } from '../tag/index';

/**
 * The source package and version a release tag builds, from debian/changelog
 * at the tag (never from the tag's name: DEP-14 writes `1:1.5.2-5.1` as
 * `debian/1%1.5.2-5.1`). Null for a repository that is not a Debian source
 * package: its CI side is then read whole, as before.
 */
export async function releaseSourceAt(repo: string, tag: string): Promise<SourceRelease | null> {
  const resolved = await runGit([
    '-C',
    repo,
    'rev-parse',
    '--verify',
    '--end-of-options',
    `refs/tags/${tag}^{commit}`,
  ]).catch(() => null);
  const commit = resolved?.code === 0 ? resolved.stdout.toString('utf8').trim() : '';
  if (!commit) return null;
  const changelog = await readChangelogAt(repo, commit);
  return changelog ? { name: changelog.source, version: changelog.version } : null;
}

/**
 * When CI's apt repository had nothing built from `source` at its version:
 * the versions of that source it holds instead, read from its signed indexes
 * (no package is downloaded). Null when it holds none either, so a release CI
 * never built at all is not mistaken for a version mismatch.
 */
export async function versionMismatchIn(
  root: string,
  trustedKeys: openpgp.PublicKey[],
  selection: { suite?: string; component?: string; architecture?: string },
  source: SourceRelease,
  signal?: AbortSignal,
): Promise<VersionMismatch | null> {
  const snapshot = await readAptRepository(root, trustedKeys, selection, signal ? { signal } : {});
  const versions = new Set<string>();
  for (const pkg of snapshot.packages) {
    const built = sourceOfPackage(pkg);
    if (built.name === source.name && built.version !== source.version) versions.add(built.version);
  }
  if (versions.size === 0) return null;
  return {
    source: source.name,
    tagVersion: source.version,
    // Newest last; a handful is enough to say what CI published instead.
    ciVersions: [...versions].sort(byDebianVersion).slice(-10),
  };
}

/** dpkg's order; a string CI wrote that is not a version sorts by its code units instead. */
function byDebianVersion(a: string, b: string): number {
  try {
    return compareDebianVersions(a, b);
  } catch {
    return a < b ? -1 : a > b ? 1 : 0;
  }
}
