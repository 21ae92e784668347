import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CountersignError } from '../../../../shared/errors';
import { writeFileAtomic } from '../fs/atomicWrite';
import { fingerprintOf } from './keyFacts';
import { checkReleaseKey, parseReleaseKey } from './readReleaseKey';
import type { ReadReleaseKeyOptions, ReleaseKey } from './releaseKey';

/** Where a project keeps its release key, relative to the project folder. */
export const RELEASE_KEY_FILE = 'keys/release-key.asc';

/**
 * Stores the release key in the project, exactly as it was given: still
 * encrypted by its passphrase, never a decrypted copy. Readable by its owner
 * only (0600), written atomically so a crash leaves the old key or the new.
 * Returns the path relative to the project folder.
 */
export async function storeReleaseKey(projectDir: string, key: ReleaseKey): Promise<string> {
  await storeSecretKeyFile(join(projectDir, RELEASE_KEY_FILE), key);
  return RELEASE_KEY_FILE;
}

/**
 * Writes a checked secret key to `file` exactly as it was given (still
 * encrypted), in a folder only its owner may enter (0700), readable by its
 * owner only (0600), atomically: the release key and a reviewer's key alike.
 */
export async function storeSecretKeyFile(file: string, key: ReleaseKey): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, key.armored, 0o600);
}

/**
 * Reads the stored release key back. It must be the key the project pinned
 * (RELEASE_KEY_PIN_MISMATCH: the file was replaced) and pass every check of
 * readReleaseKey again, as of `options.date`: keys expire and get revoked
 * while they sit on disk.
 */
export async function loadReleaseKey(
  file: string,
  pinnedFingerprint: string,
  options: ReadReleaseKeyOptions = {},
): Promise<ReleaseKey> {
  let armored: string;
  try {
    armored = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new CountersignError(
      'RELEASE_KEY_MISSING',
      missing
        ? `The project's release key is not where it was stored (${file}).`
        : `The project's release key (${file}) cannot be read.`,
      'Import the release key again (gpg --armor --export-secret-keys FINGERPRINT).',
    );
  }
  const key = await parseReleaseKey(armored);
  const pinned = pinnedFingerprint.replace(/\s+/g, '').toUpperCase();
  if (fingerprintOf(key) !== pinned) {
    throw new CountersignError(
      'RELEASE_KEY_PIN_MISMATCH',
      `The stored release key is ${fingerprintOf(key)}, not the key ${pinned} the project pinned.`,
      'The key file was replaced or tampered with. Import the release key again, and check its fingerprint with the key owner.',
    );
  }
  return checkReleaseKey(key, armored, options);
}
