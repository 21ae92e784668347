import { CountersignError } from '../../../../shared/errors';

/**
 * Whether key bytes hold a secret key: an armored PRIVATE KEY BLOCK, or a
 * binary packet stream whose first packet is a Secret-Key packet (tag 5).
 */
export function holdsSecretKey(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 64 * 1024)).toString('latin1');
  if (head.includes('-----BEGIN PGP PRIVATE KEY BLOCK-----')) return true;
  const first = bytes[0];
  if (first === undefined || (first & 0x80) === 0) return false;
  const tag = first & 0x40 ? first & 0x3f : (first >> 2) & 0x0f;
  return tag === 5;
}

/**
 * Refuses a secret key where a trust list wants a public one. Reducing it to
 * its public part would work, but would teach that pasting a secret key into
 * a form is fine: it never is.
 */
export function refuseSecretKey(bytes: Uint8Array, source: string): void {
  if (!holdsSecretKey(bytes)) return;
  throw new CountersignError(
    'INVALID_KEY',
    `${source} is a secret key. A trust list holds public keys only, and a secret key should never be pasted or handed to one; it was not kept.`,
    'Give the public key instead: gpg --export --armor FINGERPRINT > key.asc',
  );
}
