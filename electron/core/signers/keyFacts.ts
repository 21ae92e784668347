import * as openpgp from 'openpgp';
import type { KeySummary, TrustedSigner } from '../../../shared/signers';

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

/** The self-signature that currently speaks for a key: the newest binding or user self-certification. */
function currentSelfSignature(key: AnyKey): openpgp.SignaturePacket | undefined {
  if (isSubkey(key)) return newest(key.bindingSignatures);
  return newest(key.users.flatMap((user) => user.selfCertifications));
}

/** When the key stops being valid, by its current self-signature, as GnuPG reads it; null = never. */
export async function expiryOf(key: AnyKey): Promise<Date | null> {
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
export function canSignData(key: AnyKey): boolean {
  const flags = currentSelfSignature(key)?.keyFlags;
  if (!flags || flags.length === 0) return !isSubkey(key);
  return ((flags[0] ?? 0) & openpgp.enums.keyFlags.signData) !== 0;
}

export function algorithmName(key: AnyKey): string {
  const info = key.getAlgorithmInfo();
  const name = String(info.algorithm);
  if (info.bits) return `${name.replace(/(Encrypt)?(Sign)?$/, '').toUpperCase()} ${info.bits}`;
  if ('curve' in info && info.curve) return `${name} (${String(info.curve)})`;
  return name;
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
    canSign: canSignData(key),
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
