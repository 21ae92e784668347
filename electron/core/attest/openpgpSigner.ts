import * as openpgp from 'openpgp';
import { signingOptions } from '../lib/openpgp/signDetached';
import type { UnlockedReleaseKey } from '../lib/openpgp/unlockReleaseKey';
import type { PaeSigner } from './dsse';

/**
 * Signs DSSE's PAE bytes with the release key: a binary detached OpenPGP
 * signature (SHA-512, the exact subkey shown to the release manager), so any
 * OpenPGP verifier, `gpg --verify sig pae` included, can check it. The keyid
 * is that signing (sub)key's fingerprint.
 */
export function openpgpSigner(
  unlocked: UnlockedReleaseKey,
  date: Date,
): { sign: PaeSigner; keyid: string } {
  const options = signingOptions(unlocked, date);
  return {
    keyid: unlocked.info.signingKey.fingerprint,
    sign: async (bytes) => {
      // openpgp.js's typings give a binary signature a conditional type typed lint cannot resolve.
      const signature: unknown = await openpgp.sign({
        message: await openpgp.createMessage({ binary: bytes }),
        detached: true,
        format: 'binary',
        ...options,
      });
      if (!(signature instanceof Uint8Array))
        throw new Error('openpgp.js gave no binary signature');
      return signature;
    },
  };
}
