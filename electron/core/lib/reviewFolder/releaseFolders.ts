/**
 * Where a release's files live beside apt-prod, outside the pool/ and dists/
 * apt reads: `releases/<tag>/` (signed non-package artifacts) and
 * `attestations/<tag>/` (signed attestations). A tag may hold `/`; its folder
 * name may not.
 */
export const RELEASES_FOLDER = 'releases';
export const ATTESTATIONS_FOLDER = 'attestations';

export function releaseFolderName(tag: string): string {
  return tag.replace(/\//g, '_');
}
