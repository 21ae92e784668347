import { join } from 'node:path';
import type { DebIdentity } from '../../../shared/compare';
import { CountersignError } from '../../../shared/errors';

/** The review folder's subfolder holding each rebuilder's tree, by the first 8 hex of its keyid. */
export const REBUILDER_LINKS_FOLDER = 'rebuilder-links';
/** apt-prod's folder of what apt-transport-in-toto reads: the layout, its key, the rebuilders' trees. */
export const APT_IN_TOTO_FOLDER = 'in-toto';
/** Under APT_IN_TOTO_FOLDER: the trees apt-prod serves for rebuilders that hand their links in. */
export const PUBLISHED_REBUILDERS_FOLDER = 'rebuilders';

// Debian policy 5.6.1 and 5.6.12: no '/', and no name or version that is '.' or '..'.
const PACKAGE = /^[a-z0-9][a-z0-9+.-]+$/;
const VERSION = /^(\d+:)?[0-9][A-Za-z0-9.+~-]*$/;

/**
 * Where apt-transport-in-toto fetches a package's link under a rebuilder's
 * URL: `sources/<package>/<version>/metadata`. apt asks for the version as it
 * names the downloaded file (an epoch's `:` written `%3a`); an HTTP server
 * decodes that, so the folder carries the version as Debian writes it.
 */
export function linkPathInTree(deb: Pick<DebIdentity, 'package' | 'version'>): string[] {
  if (!PACKAGE.test(deb.package) || !VERSION.test(deb.version)) {
    throw new CountersignError(
      'REBUILD_LINK_INVALID',
      `${JSON.stringify(`${deb.package} ${deb.version}`.slice(0, 300))} is not a Debian package name and version.`,
    );
  }
  return ['sources', deb.package, deb.version, 'metadata'];
}

/** One rebuilder's tree in a release's review folder. */
export const reviewTree = (reviewDir: string, keyid: string) =>
  join(reviewDir, REBUILDER_LINKS_FOLDER, keyid.slice(0, 8).toLowerCase());

/** One rebuilder's tree as apt-prod serves it. */
export const publishedTree = (aptProdRoot: string, keyid: string) =>
  join(
    aptProdRoot,
    APT_IN_TOTO_FOLDER,
    PUBLISHED_REBUILDERS_FOLDER,
    keyid.slice(0, 8).toLowerCase(),
  );
