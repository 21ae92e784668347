import { tagFolderName } from '../project/tagFolder';

/**
 * Where a release's files live beside apt-prod, outside the pool/ and dists/
 * apt reads: `releases/<tag>/` (signed non-package artifacts) and
 * `attestations/<tag>/` (signed attestations). A tag may hold `/`; its folder
 * name may not.
 */
export const RELEASES_FOLDER = 'releases';
export const ATTESTATIONS_FOLDER = 'attestations';

/**
 * The tag's folder name there, the same one segment as its review folder's:
 * `/` as `%2F` and `%` as `%25`, so `debian/1.0` and `debian_1.0` (DEP-14's
 * `~`) never share a folder. A tag without `/` or `%` is its own name.
 */
export function releaseFolderName(tag: string): string {
  return tagFolderName(tag);
}
