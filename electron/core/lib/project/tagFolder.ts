import { CountersignError } from '../../../../shared/errors';
import { tagNameSchema } from '../../../../shared/tags';

/** ext4, XFS and btrfs all stop a folder name at 255 bytes. */
const MAX_FOLDER_NAME_BYTES = 255;

const escapeTag = (tag: string): string => tag.replace(/%/g, '%25').replace(/\//g, '%2F');

/**
 * The one path segment a release's folders are named by (its review folder,
 * its `releases/` and `attestations/` folders beside apt-prod). A tag may hold
 * `/` (DEP-14's `debian/2.1.0-1`), which would nest folders, so `/` is written
 * `%2F`, and `%` is written `%25` so the name can be read back. Nothing else is
 * touched: a tag without `%` or `/` is its own folder name, as it always was.
 * git refuses a component starting with `.`, so no folder is `.` or `..`.
 */
export function tagFolderName(tag: string): string {
  if (!tagNameSchema.safeParse(tag).success) {
    throw new CountersignError(
      'INVALID_REQUEST',
      `${JSON.stringify(tag)} is not a git tag name, so it names no release folder.`,
    );
  }
  const name = escapeTag(tag);
  if (Buffer.byteLength(name, 'utf8') > MAX_FOLDER_NAME_BYTES) {
    throw new CountersignError(
      'INVALID_REQUEST',
      `The tag ${JSON.stringify(tag)} is too long to name a folder (${MAX_FOLDER_NAME_BYTES} bytes at most, with each "/" written as "%2F").`,
      'Use a shorter tag name for the release.',
    );
  }
  return name;
}

/**
 * The tag a folder named by `tagFolderName` belongs to (e.g. a review folder
 * given as `--review DIR`). Refuses a name that is not exactly what
 * `tagFolderName` writes for a valid tag: another escape, a lone `%`, or a
 * decoded name git would refuse (`..%2F..`).
 */
export function tagOfFolder(name: string): string {
  const refused = () =>
    new CountersignError(
      'INVALID_REQUEST',
      `The folder name ${JSON.stringify(name)} is not one Countersign gives a release: it names no git tag.`,
      'Give the tag with --tag NAME, or the release folder Countersign made for it.',
    );
  if (/%(?!25|2F)/.test(name)) throw refused();
  const tag = name.replace(/%2F|%25/g, (escape) => (escape === '%2F' ? '/' : '%'));
  if (!tagNameSchema.safeParse(tag).success) throw refused();
  if (escapeTag(tag) !== name) throw refused();
  return tag;
}
