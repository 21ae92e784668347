import * as openpgp from 'openpgp';
import { CountersignError } from '../../../../shared/errors';
import type { ReleaseKeyInfo } from '../../../../shared/signing';
import type { ReleaseKey } from './releaseKey';

/**
 * A decrypted copy of the release key, in memory only, and the exact key
 * (from `info.signingKey`) it signs with. Never written anywhere.
 */
export interface UnlockedReleaseKey {
  readonly key: openpgp.PrivateKey;
  readonly info: ReleaseKeyInfo;
}

/** Methods every openpgp.js private key has, but its type declarations leave out. */
interface PrivateKeyMethods {
  /** With true, copies the secret numbers too, so clearing the copy leaves the original whole. */
  clone(clonePrivateParams: true): openpgp.PrivateKey;
  /** Overwrites the decrypted secret numbers with zeros and drops them. */
  clearPrivateParams(): void;
}

const methodsOf = (key: openpgp.PrivateKey) => key as unknown as PrivateKeyMethods;

function wrongPassphrase(fpr: string, empty: boolean, role: string): CountersignError {
  // Never the passphrase itself, nor openpgp.js's message, in what we say.
  return new CountersignError(
    'WRONG_PASSPHRASE',
    empty
      ? `The ${role} ${fpr} is protected by a passphrase, and none was given.`
      : `The passphrase does not unlock the ${role} ${fpr}.`,
    'Give the passphrase you set in GnuPG for this key (the one gpg asks for when it signs with it).',
  );
}

/**
 * Decrypts a copy of the release key with its passphrase (openpgp.decryptKey
 * leaves the stored key encrypted). A key imported without protection, by
 * explicit consent, needs no passphrase. WRONG_PASSPHRASE when it does not
 * unlock, or when a protected key is given an empty one.
 */
export async function unlockReleaseKey(
  releaseKey: ReleaseKey,
  passphrase: string,
): Promise<UnlockedReleaseKey> {
  const { key, info } = releaseKey;
  const role = releaseKey.role ?? 'release key';
  if (!info.protected) return { key: methodsOf(key).clone(true), info };
  if (passphrase === '') throw wrongPassphrase(info.fingerprint, true, role);
  try {
    return { key: await openpgp.decryptKey({ privateKey: key, passphrase }), info };
  } catch {
    throw wrongPassphrase(info.fingerprint, false, role);
  }
}

/**
 * Runs `fn` with the unlocked key, then clears its secret numbers whatever
 * happens. Best effort only: JavaScript cannot promise that no copy of them
 * is left in memory (the garbage collector moves and copies buffers, and the
 * passphrase string is immutable), but this keeps the window short and the
 * decrypted key out of reach of anything that runs later.
 */
export async function withUnlockedKey<T>(
  releaseKey: ReleaseKey,
  passphrase: string,
  fn: (unlocked: UnlockedReleaseKey) => Promise<T>,
): Promise<T> {
  const unlocked = await unlockReleaseKey(releaseKey, passphrase);
  try {
    return await fn(unlocked);
  } finally {
    methodsOf(unlocked.key).clearPrivateParams();
  }
}
