import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CountersignError } from '../../../../shared/errors';
import { storeSecretKeyFile } from '../openpgp/releaseKeyStore';
import { withUnlockedKey, type UnlockedReleaseKey } from '../openpgp/unlockReleaseKey';
import { readReviewerKey, type ReviewerKey } from './reviewerKey';

/** Where a machine keeps its reviewer's key, relative to the app's data folder. */
export const REVIEWER_KEY_FILE = join('reviewer', 'reviewer-key.asc');

/**
 * Keeps the reviewer's key in the app's data folder (`home`), exactly as
 * given: still encrypted by its passphrase, 0600 in a 0700 folder, written
 * atomically. One reviewer per machine account: a new key replaces the old.
 */
export async function storeReviewerKey(home: string, key: ReviewerKey): Promise<void> {
  await storeSecretKeyFile(join(home, REVIEWER_KEY_FILE), key);
}

/**
 * The reviewer key kept in `home`, checked again as of `date` (keys expire
 * and get revoked while they sit on disk); null when none was imported.
 */
export async function loadReviewerKey(
  home: string,
  options: { date?: Date; releaseKeyFingerprint?: string | null } = {},
): Promise<ReviewerKey | null> {
  let armored: string;
  try {
    armored = await readFile(join(home, REVIEWER_KEY_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CountersignError(
      'NO_REVIEWER_KEY',
      `The reviewer key in ${join(home, REVIEWER_KEY_FILE)} cannot be read.`,
      'Import your reviewer key again: countersign reviewer import-key FILE',
    );
  }
  return readReviewerKey(armored, options);
}

/**
 * Runs `fn` with a decrypted copy of the reviewer key, cleared afterwards,
 * as the release key is (WRONG_PASSPHRASE when it does not unlock).
 */
export function withUnlockedReviewerKey<T>(
  key: ReviewerKey,
  passphrase: string,
  fn: (unlocked: UnlockedReleaseKey) => Promise<T>,
): Promise<T> {
  return withUnlockedKey(key, passphrase, fn);
}
