import * as openpgp from 'openpgp';
import { algorithmName } from './keyFacts';

/**
 * Which keys may sign a release, and how. One place, so that the check of a
 * key on import and openpgp.js at signing time can never disagree.
 */

/** Shorter RSA moduli are within reach of a well-funded attacker (NIST retired them in 2013). */
export const MIN_RSA_BITS = 2048;

/**
 * openpgp.js as we sign with it: DSA, ElGamal and short RSA keys refused, and
 * SHA-512 for every signature (apt and gpgv accept it; SHA-1 and MD5 are
 * refused by current apt).
 */
export const RELEASE_SIGNING_CONFIG: openpgp.Config = {
  ...openpgp.config,
  preferredHashAlgorithm: openpgp.enums.hash.sha512,
  minRSABits: MIN_RSA_BITS,
  rejectPublicKeyAlgorithms: new Set([
    openpgp.enums.publicKey.dsa,
    openpgp.enums.publicKey.elgamal,
  ]),
};

/**
 * The same with every algorithm allowed: only to tell a weak key (which
 * would sign if we let it) from one that cannot sign at all.
 */
export const ANY_ALGORITHM_CONFIG: openpgp.Config = {
  ...RELEASE_SIGNING_CONFIG,
  minRSABits: 0,
  rejectPublicKeyAlgorithms: new Set(),
  rejectCurves: new Set(),
};

/** Why a key is too weak to sign releases, or null when it is strong enough. */
export function weaknessOf(key: openpgp.PrivateKey | openpgp.Subkey): string | null {
  const { algorithm, bits, curve } = key.getAlgorithmInfo();
  const name = algorithmName(key);
  if (algorithm === 'dsa') return `${name}: DSA keys can no longer be trusted for signatures`;
  if (algorithm === 'elgamal') return `${name}: ElGamal keys are not safe for signatures`;
  if (algorithm.startsWith('rsa') && (bits ?? 0) < MIN_RSA_BITS) {
    return `${name}: RSA keys shorter than ${MIN_RSA_BITS} bits can be broken`;
  }
  if (
    curve !== undefined &&
    RELEASE_SIGNING_CONFIG.rejectCurves.has(curve as openpgp.enums.curve)
  ) {
    return `${name}: the curve ${curve} is not accepted for signatures`;
  }
  return null;
}

/**
 * Why apt could not verify signatures by this key, or null. Debian's apt
 * verifies with GnuPG's gpgv, which knows the Ed25519 of GnuPG keys (the
 * EdDSA algorithm 22) but not RFC 9580's new Ed25519 and Ed448 (algorithms
 * 27 and 28) nor v6 keys: a Release signed by those would be refused by
 * every client ("Invalid public key algorithm").
 */
export function aptCannotVerify(key: openpgp.PrivateKey | openpgp.Subkey): string | null {
  const { algorithm } = key.getAlgorithmInfo();
  const name = algorithmName(key);
  if (algorithm === 'ed25519' || algorithm === 'ed448') {
    return `${name} (RFC 9580) signatures cannot be checked by apt's gpgv; GnuPG's Ed25519 (EdDSA) or RSA can`;
  }
  if (key.keyPacket.version >= 5) {
    return `v${key.keyPacket.version} keys cannot be read by apt's gpgv; a v4 key can`;
  }
  return null;
}
