import type * as openpgp from 'openpgp';
import { CountersignError } from '../../../shared/errors';
import { gpgPublicKey, signMetadata, type InTotoSignature, type Link } from '../lib/intoto/index';

/**
 * What signs a reviewer's approval: their own key, unlocked in memory for
 * this one signature. The reviewer key store hands one out; tests make one
 * from a GnuPG key. `sign` receives the link itself and signs its canonical
 * JSON, so the bytes signed are always the bytes in-toto re-derives.
 */
export interface ReviewerSigner {
  /** The reviewer's primary key fingerprint, lower-case hex: their keyid in the layout. */
  readonly keyid: string;
  /** A binary OpenPGP signature over the link's canonical JSON, hashed with SHA-256, in in-toto's form. */
  sign(link: Link): Promise<InTotoSignature>;
}

/**
 * A signer over an unlocked OpenPGP key. It signs with the primary key when
 * the primary may sign (in-toto sees no subkey of an Ed25519 key, nor of a
 * key made by openpgp.js), else with a signing subkey in-toto lists under it.
 */
export async function reviewerSigner(key: openpgp.PrivateKey, date: Date): Promise<ReviewerSigner> {
  const signingKeyFingerprint = await inTotoSigningKey(key, date);
  return {
    keyid: key.getFingerprint().toLowerCase(),
    sign: (link) => signMetadata(link, key, { date, signingKeyFingerprint }),
  };
}

/**
 * The (sub)key whose signature in-toto can verify: the primary key if it may
 * sign at `date`, else the first subkey that may and that securesystemslib
 * lists. Refused with KEY_CANNOT_SIGN when none.
 */
export async function inTotoSigningKey(
  key: openpgp.PrivateKey | openpgp.PublicKey,
  date: Date,
  preferred?: string,
): Promise<string> {
  const asInToto = await gpgPublicKey(key);
  const visible = [asInToto.keyid, ...Object.keys(asInToto.subkeys ?? {})];
  const candidates = preferred
    ? [preferred.toLowerCase(), ...visible.filter((keyid) => keyid !== preferred.toLowerCase())]
    : visible;
  for (const fingerprint of candidates) {
    if (!visible.includes(fingerprint)) continue;
    const part = key.getKeys().find((candidate) => candidate.getFingerprint() === fingerprint);
    if (!part) continue;
    try {
      await key.getSigningKey(part.getKeyID(), date);
      return fingerprint;
    } catch {
      // Not a signing (sub)key at that date: try the next one.
    }
  }
  throw new CountersignError(
    'KEY_CANNOT_SIGN',
    `Key ${asInToto.keyid.toUpperCase()} has no (sub)key that may sign now and that Debian's in-toto can verify.`,
    'Use a key whose primary key signs (GnuPG makes such keys by default), or an RSA signing subkey of an RSA key made by GnuPG.',
  );
}
