import type * as openpgp from 'openpgp';
import { CountersignError } from '../../../../shared/errors';
import { fingerprintOf } from './keyFacts';
import { readKeyring } from './readKeyring';

/**
 * Reads a key stored in project.json and checks it against the fingerprint it
 * is pinned by; a mismatch means the file was edited or tampered with.
 */
export async function readPinnedKey(
  pinned: { fingerprint: string; publicKey: string },
  what: string,
  file: string,
): Promise<openpgp.PublicKey> {
  const keys = await readKeyring(
    new Uint8Array(Buffer.from(pinned.publicKey, 'utf8')),
    `The ${what} ${pinned.fingerprint}`,
  );
  const key = keys.find((candidate) => fingerprintOf(candidate) === pinned.fingerprint);
  if (!key || keys.length !== 1) {
    throw new CountersignError(
      'INVALID_PROJECT',
      `The ${what} stored for ${pinned.fingerprint} in ${file} does not match its pinned fingerprint.`,
      'The project file was edited by hand or tampered with. Remove the key and import it again.',
    );
  }
  return key;
}
