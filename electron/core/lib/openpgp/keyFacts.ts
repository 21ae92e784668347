import * as openpgp from 'openpgp';
import type { KeySummary, TrustedSigner } from '../../../../shared/signers';

type AnyKey = openpgp.PublicKey | openpgp.Subkey;

const REVOCATION_REASONS: Record<number, string> = {
  0: 'no reason given',
  1: 'key superseded',
  2: 'key compromised',
  3: 'key retired',
  32: 'user ID no longer valid',
};

function newest(signatures: openpgp.SignaturePacket[]): openpgp.SignaturePacket | undefined {
  return [...signatures].sort(
    (a, b) => (b.created?.getTime() ?? 0) - (a.created?.getTime() ?? 0),
  )[0];
}

function isSubkey(key: AnyKey): key is openpgp.Subkey {
  return key instanceof openpgp.Subkey;
}

// Bindings are checked for who made them, not when: a key's self-signatures are
// often re-issued years after the signatures we verify (extended expiry).
const ANY_TIME = null as unknown as Date;
const BINDING_CONFIG: openpgp.Config = { ...openpgp.config, minRSABits: 1024 };

/**
 * The binding signatures of a subkey that its primary key really made, and,
 * for a signing subkey, that the subkey countersigned (the back-signature).
 * A subkey without one is not part of the key, whatever the file says: anyone
 * can append a packet to a public key.
 */
export async function verifiedBindings(subkey: openpgp.Subkey): Promise<openpgp.SignaturePacket[]> {
  const primary = subkey.mainKey.keyPacket;
  const data = { key: primary, bind: subkey.keyPacket };
  const valid: openpgp.SignaturePacket[] = [];
  for (const binding of subkey.bindingSignatures) {
    try {
      await binding.verify(
        primary,
        openpgp.enums.signature.subkeyBinding,
        data,
        ANY_TIME,
        false,
        BINDING_CONFIG,
      );
      const signs = ((binding.keyFlags?.[0] ?? 0) & openpgp.enums.keyFlags.signData) !== 0;
      if (signs) {
        if (!binding.embeddedSignature) continue;
        await binding.embeddedSignature.verify(
          subkey.keyPacket,
          openpgp.enums.signature.keyBinding,
          data,
          ANY_TIME,
          false,
          BINDING_CONFIG,
        );
      }
      valid.push(binding);
    } catch {
      // not made by the primary key (or not countersigned): ignore it
    }
  }
  return valid;
}

/** The verified self-signature that currently speaks for a key. */
async function currentSelfSignature(key: AnyKey): Promise<openpgp.SignaturePacket | undefined> {
  if (isSubkey(key)) return newest(await verifiedBindings(key));
  try {
    return (await key.getPrimaryUser()).selfCertification;
  } catch {
    return undefined;
  }
}

/**
 * When the key stops being valid, by its current verified self-signature, as
 * GnuPG reads it; null = never. A subkey with no valid binding counts as expired
 * at its creation.
 */
export async function expiryOf(key: AnyKey): Promise<Date | null> {
  if (isSubkey(key)) {
    const binding = await currentSelfSignature(key);
    if (!binding) return key.getCreationTime();
    if (binding.keyNeverExpires !== false || !binding.keyExpirationTime) return null;
    return new Date(key.getCreationTime().getTime() + binding.keyExpirationTime * 1000);
  }
  try {
    const time = await key.getExpirationTime();
    return time instanceof Date ? time : null;
  } catch {
    return null;
  }
}

/**
 * Whether the key counts as revoked at `date`. As RFC 4880 and GnuPG read it, a
 * "hard" revocation (compromised, or no reason) revokes the key for all time;
 * a "soft" one (superseded, retired) only from its own date on, so signatures
 * made before a key was retired stay valid.
 */
export async function revocationOf(
  key: AnyKey,
  date: Date = new Date(),
): Promise<{ revoked: boolean; reason?: string; since?: Date }> {
  const revoked = isSubkey(key)
    ? await key.isRevoked(
        undefined as unknown as openpgp.SignaturePacket,
        undefined as unknown as openpgp.PublicKeyPacket,
        date,
      )
    : await key.isRevoked(undefined, undefined, date);
  if (!revoked) return { revoked: false };
  const signature = newest(key.revocationSignatures);
  const flag = signature?.reasonForRevocationFlag ?? 0;
  const text = signature?.reasonForRevocationString;
  const reason = `${REVOCATION_REASONS[flag] ?? `reason ${flag}`}${text ? `: ${text}` : ''}`;
  return { revoked: true, reason, ...(signature?.created ? { since: signature.created } : {}) };
}

/** Whether the key's current self-signature allows signing data (keys with no flags are allowed, as old keys lack them). */
export async function canSignData(key: AnyKey): Promise<boolean> {
  const flags = (await currentSelfSignature(key))?.keyFlags;
  if (!flags || flags.length === 0) return !isSubkey(key);
  return ((flags[0] ?? 0) & openpgp.enums.keyFlags.signData) !== 0;
}

/** The key's algorithm as people write it: "RSA 4096", "Ed25519", "ECDSA (nistP256)". */
export function algorithmName(key: AnyKey): string {
  const info = key.getAlgorithmInfo();
  const name = String(info.algorithm);
  const curve = 'curve' in info && info.curve ? String(info.curve) : '';
  if (name.startsWith('rsa')) return `RSA ${info.bits ?? ''}`.trim();
  if (name === 'dsa') return `DSA ${info.bits ?? ''}`.trim();
  if (name === 'elgamal') return `ElGamal ${info.bits ?? ''}`.trim();
  if (name === 'eddsaLegacy' || name === 'ed25519') return 'Ed25519';
  if (name === 'ed448') return 'Ed448';
  if (name === 'x25519' || curve === 'curve25519Legacy' || curve === 'curve25519') return 'X25519';
  if (name === 'x448') return 'X448';
  return curve ? `${name.toUpperCase()} (${curve})` : name;
}

export function fingerprintOf(key: AnyKey): string {
  return key.getFingerprint().toUpperCase();
}

async function summarise(key: AnyKey): Promise<KeySummary> {
  const expiry = await expiryOf(key);
  const revocation = await revocationOf(key);
  return {
    fingerprint: fingerprintOf(key),
    keyId: key.getKeyID().toHex().toUpperCase(),
    algorithm: algorithmName(key),
    createdAt: key.getCreationTime().toISOString(),
    expiresAt: expiry ? expiry.toISOString() : null,
    revoked: revocation.revoked,
    ...(revocation.reason ? { revocationReason: revocation.reason } : {}),
    canSign: await canSignData(key),
  };
}

/** The primary user ID, falling back to the first when no self-certification is valid now. */
export async function primaryUserId(key: openpgp.PublicKey): Promise<string> {
  try {
    const { user } = await key.getPrimaryUser();
    return user.userID?.userID ?? key.getUserIDs()[0] ?? '';
  } catch {
    return key.getUserIDs()[0] ?? '';
  }
}

/** Everything a person needs to decide whether to trust a maintainer key. */
export async function describeSigner(key: openpgp.PublicKey): Promise<TrustedSigner> {
  const primary = await summarise(key);
  const first = await primaryUserId(key);
  const userIds = [first, ...key.getUserIDs().filter((id) => id !== first)].filter(Boolean);
  return {
    ...primary,
    userIds,
    subkeys: await Promise.all(key.subkeys.map((subkey) => summarise(subkey))),
  };
}
