import type { AptPackage } from './aptTypes';

/** A source package at one version: what a release's binaries are built from. */
export interface SourceRelease {
  name: string;
  version: string;
}

/**
 * The source a binary package was built from, as its Packages stanza says:
 * `Source: name (version)` when the versions differ (a binNMU), `Source: name`
 * when only the names do, and no Source field when the binary is named and
 * versioned like its source (Debian Policy 5.6.1).
 */
export function sourceOfPackage(
  pkg: Pick<AptPackage, 'package' | 'version' | 'control'>,
): SourceRelease {
  const field = pkg.control.get('Source')?.trim();
  if (!field) return { name: pkg.package, version: pkg.version };
  const match = /^(\S+)(?:\s+\(([^()\s]+)\))?$/.exec(field);
  if (!match) return { name: field, version: pkg.version };
  return { name: match[1] ?? field, version: match[2] ?? pkg.version };
}

/** Whether a package was built from `source` at its version. */
export function isBuiltFrom(
  pkg: Pick<AptPackage, 'package' | 'version' | 'control'>,
  source: SourceRelease,
): boolean {
  const built = sourceOfPackage(pkg);
  return built.name === source.name && built.version === source.version;
}
