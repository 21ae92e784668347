import * as openpgp from 'openpgp';
import { fingerprintOf, verifiedBindings } from './keyFacts';

/**
 * What tag and repository verification share: openpgp.js does the
 * cryptographic check only, and we judge policy ourselves so every refusal
 * carries its own reason rather than openpgp.js's generic one.
 */

/** Hashes no longer safe against forgery. */
export const WEAK_HASHES = new Set<number>([
  openpgp.enums.hash.md5,
  openpgp.enums.hash.sha1,
  openpgp.enums.hash.ripemd,
]);

/** Clocks of signer and verifier disagree a little; GnuPG allows the same kind of slack. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** openpgp.js configured to check the mathematics only; hash strength and key times are ours to judge. */
export const CRYPTO_ONLY: openpgp.Config = {
  ...openpgp.config,
  rejectHashAlgorithms: new Set(),
  rejectMessageHashAlgorithms: new Set(),
  rejectPublicKeyAlgorithms: new Set(),
  minRSABits: 1024,
};

/** "SHA256" for a hash algorithm id; null for none. */
export function hashName(algorithm: number | null): string | null {
  if (algorithm === null) return null;
  try {
    return String(openpgp.enums.read(openpgp.enums.hash, algorithm)).toUpperCase();
  } catch {
    return `hash algorithm ${algorithm}`;
  }
}

/** The fingerprint the signature names as its issuer, if it names one. */
export function issuerFingerprint(packet: openpgp.SignaturePacket): string | null {
  return packet.issuerFingerprint
    ? Buffer.from(packet.issuerFingerprint).toString('hex').toUpperCase()
    : null;
}

/**
 * Finds the trusted key that made a signature. A subkey counts only if its
 * primary key bound it (and it countersigned the binding): otherwise anyone
 * could graft their own key onto a trusted key as a "subkey".
 */
export async function findSigningKey(keys: openpgp.PublicKey[], packet: openpgp.SignaturePacket) {
  const wanted = issuerFingerprint(packet);
  for (const key of keys) {
    for (const match of key.getKeys(packet.issuerKeyID)) {
      if (wanted && fingerprintOf(match) !== wanted) continue;
      if (match instanceof openpgp.Subkey && (await verifiedBindings(match)).length === 0) continue;
      return { primary: key, signingKey: match };
    }
  }
  return null;
}
