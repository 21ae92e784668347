import * as openpgp from 'openpgp';
import { fingerprintOf } from './keyFacts';
import { RELEASE_SIGNING_CONFIG } from './keyStrength';
import type { UnlockedReleaseKey } from './unlockReleaseKey';

/**
 * What every signature of ours passes to openpgp.sign: the exact key shown to
 * the release manager (openpgp.js would otherwise choose one itself), SHA-512,
 * and the caller's date, so no clock is read in here.
 */
export function signingOptions(unlocked: UnlockedReleaseKey, date: Date) {
  const wanted = unlocked.info.signingKey.fingerprint;
  const signingKey = unlocked.key.getKeys().find((part) => fingerprintOf(part) === wanted);
  if (!signingKey) {
    throw new Error(`the unlocked key has no key ${wanted}, which it was checked to sign with`);
  }
  return {
    signingKeys: unlocked.key,
    signingKeyIDs: signingKey.getKeyID(),
    date,
    config: RELEASE_SIGNING_CONFIG,
  };
}

/**
 * An armored detached signature (a `.asc`) over exactly these bytes, a
 * binary-document signature as `gpg --armor --detach-sign` makes.
 */
export async function signDetached(
  unlocked: UnlockedReleaseKey,
  bytes: Uint8Array,
  date: Date,
): Promise<string> {
  // openpgp.js's typings give a binary message's signature a conditional type
  // that typed lint cannot resolve; armored, it is a string.
  const signature: unknown = await openpgp.sign({
    message: await openpgp.createMessage({ binary: bytes }),
    detached: true,
    format: 'armored',
    ...signingOptions(unlocked, date),
  });
  if (typeof signature !== 'string') throw new Error('openpgp.js did not armor the signature');
  return signature;
}
