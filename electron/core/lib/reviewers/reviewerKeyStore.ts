import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CountersignError } from '../../../../shared/errors';
import { storeSecretKeyFile } from '../openpgp/releaseKeyStore';
import { withUnlockedKey, type UnlockedReleaseKey } from '../openpgp/unlockReleaseKey';
import { readReviewerKey, type PersonalKeyRole, type ReviewerKey } from './reviewerKey';

/** Where a machine keeps its reviewer's key, relative to the app's data folder. */
export const REVIEWER_KEY_FILE = join('reviewer', 'reviewer-key.asc');
/** Where a machine keeps its rebuilder key, relative to the app's data folder. */
export const REBUILDER_KEY_FILE = join('rebuilder', 'rebuilder-key.asc');

const FILES: Record<PersonalKeyRole, string> = {
  reviewer: REVIEWER_KEY_FILE,
  rebuilder: REBUILDER_KEY_FILE,
};
const MISSING = {
  reviewer: { code: 'NO_REVIEWER_KEY', command: 'countersign reviewer import-key FILE' },
  rebuilder: { code: 'NO_REBUILDER_KEY', command: 'countersign rebuilder import-key FILE' },
} as const;

/**
 * Keeps a personal signing key (this machine's reviewer's, or its rebuilder
 * key) in the app's data folder (`home`), exactly as given: still encrypted
 * by its passphrase, 0600 in a 0700 folder, written atomically. One per
 * role and machine account: a new key replaces the old.
 */
export async function storeReviewerKey(
  home: string,
  key: ReviewerKey,
  role: PersonalKeyRole = 'reviewer',
): Promise<void> {
  await storeSecretKeyFile(join(home, FILES[role]), key);
}

/**
 * The key kept in `home` for `role`, checked again as of `date` (keys expire
 * and get revoked while they sit on disk); null when none was imported.
 */
export async function loadReviewerKey(
  home: string,
  options: { date?: Date; releaseKeyFingerprint?: string | null; role?: PersonalKeyRole } = {},
): Promise<ReviewerKey | null> {
  const role = options.role ?? 'reviewer';
  const file = join(home, FILES[role]);
  let armored: string;
  try {
    armored = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CountersignError(
      MISSING[role].code,
      `The ${role} key in ${file} cannot be read.`,
      `Import your ${role} key again: ${MISSING[role].command}`,
    );
  }
  return readReviewerKey(armored, { ...options, role });
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
