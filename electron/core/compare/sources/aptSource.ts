import type * as openpgp from 'openpgp';
import type { ArtifactCopy } from '../../../../shared/compare';
import {
  fetchPackage,
  readAptRepository,
  type AptSelection,
} from '../../lib/apt/readAptRepository';
import { CountersignError } from '../../../../shared/errors';
import type { AptPackage } from '../../lib/apt/readAptRepository';
import { readDebControl } from '../../lib/deb/readDebControl';
import type { ListOptions, SourceListing } from './sourceListing';

/** The signed index and the package must agree on what the package is. */
async function assertSameIdentity(file: string, pkg: AptPackage): Promise<void> {
  const { identity } = await readDebControl(file);
  const claimed = `${pkg.package} ${pkg.version} ${pkg.architecture}`;
  const actual = `${identity.package} ${identity.version} ${identity.architecture}`;
  if (claimed !== actual) {
    throw new CountersignError(
      'INVALID_REPOSITORY',
      `The repository's Packages index says ${JSON.stringify(pkg.filename)} is ${JSON.stringify(claimed)}, but its control data says ${JSON.stringify(actual)}.`,
      'The repository was assembled wrongly or tampered with; ask CI to publish it again.',
    );
  }
}

/**
 * Reads an apt repository the way apt would, but stricter: the Release must be
 * signed by a trusted repository key, every index and package must match the
 * hashes the signed Release vouches for. Packages are fetched into
 * `downloadDir` (resumably) and their verified hashes become the CI side.
 */
export async function listAptRepository(
  root: string,
  trustedKeys: openpgp.PublicKey[],
  selection: AptSelection,
  downloadDir: string,
  options: ListOptions & { log?: (line: string) => void },
): Promise<SourceListing> {
  const snapshot = await readAptRepository(root, trustedKeys, selection, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const bytes = snapshot.packages.reduce((sum, pkg) => sum + pkg.size, 0);
  // Said before any download starts, so a selection that is too wide shows before it costs.
  options.log?.(
    `fetching ${snapshot.packages.length} package(s), ${(bytes / 1e6).toFixed(1)} MB, unless already verified here`,
  );
  options.progress.addTotal(bytes);
  const copies: ArtifactCopy[] = [];
  for (const pkg of snapshot.packages) {
    let seen = 0;
    const file = await fetchPackage(root, pkg, downloadDir, {
      ...(options.signal ? { signal: options.signal } : {}),
      onBytes: (bytesSoFar) => {
        options.progress.add(bytesSoFar - seen);
        seen = bytesSoFar;
      },
    });
    await assertSameIdentity(file, pkg);
    copies.push({
      path: pkg.filename,
      size: pkg.size,
      sha256: pkg.sha256,
      deb: { package: pkg.package, version: pkg.version, architecture: pkg.architecture },
    });
  }
  return {
    source: {
      kind: 'apt',
      location: root,
      repository: {
        suite: snapshot.suite,
        components: snapshot.components,
        architectures: snapshot.architectures,
        signedBy: snapshot.signedBy,
        releaseSha256: snapshot.releaseSha256,
      },
      skipped: [],
    },
    copies,
  };
}
