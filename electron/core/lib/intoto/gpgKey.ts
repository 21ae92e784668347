import { createHash } from 'node:crypto';
import * as openpgp from 'openpgp';
import { CountersignError } from '../../../../shared/errors';
import {
  HASH_ALGORITHM,
  PUBLIC_KEY_ALGORITHM,
  SUBPACKET,
  issuerOf,
  readSignaturePacket,
  readUint32,
  subpacketsByType,
  toHex,
  type SignaturePacket,
} from './signaturePacket';

/**
 * An OpenPGP public key in securesystemslib's GPG form, the form an in-toto
 * layout lists its functionaries' keys in (`keys: { keyid: GpgPublicKey }`)
 * and in-toto verifies links with. Field names are securesystemslib's.
 */
export interface GpgPublicKey {
  /** The key's v4 fingerprint, lower-case hex. */
  keyid: string;
  type: GpgKeyType;
  method: GpgKeyMethod;
  hashes: ['pgp+SHA2'];
  /** When the key was made, seconds since the epoch. */
  creation_time: number;
  /** Seconds from creation_time to expiry; absent when securesystemslib saw none. */
  validity_period?: number;
  keyval: { public: RsaPublic | DsaPublic | Ed25519Public; private: '' };
  /** The subkeys securesystemslib accepts as bound to this primary, by keyid. */
  subkeys?: Record<string, GpgPublicKey>;
}

export type GpgKeyType = 'rsa' | 'dsa' | 'eddsa';
export type GpgKeyMethod = 'pgp+rsa-pkcsv1.5' | 'pgp+dsa-fips-180-2' | 'pgp+eddsa-ed25519';

/** Each number is its MPI's bytes in lower-case hex, as the packet holds them. */
export interface RsaPublic {
  n: string;
  e: string;
}
export interface DsaPublic {
  p: string;
  q: string;
  g: string;
  y: string;
}
/** The 32-byte Ed25519 point, without OpenPGP's 0x40 prefix. */
export interface Ed25519Public {
  q: string;
}

const KIND_BY_ALGORITHM: Record<number, { type: GpgKeyType; method: GpgKeyMethod }> = {
  [PUBLIC_KEY_ALGORITHM.rsa]: { type: 'rsa', method: 'pgp+rsa-pkcsv1.5' },
  [PUBLIC_KEY_ALGORITHM.dsa]: { type: 'dsa', method: 'pgp+dsa-fips-180-2' },
  [PUBLIC_KEY_ALGORITHM.eddsaLegacy]: { type: 'eddsa', method: 'pgp+eddsa-ed25519' },
};

const ED25519_OID = '2b06010401da470f01';
const SELF_SIGNATURE_HASHES = new Set<number>([
  HASH_ALGORITHM.sha1,
  HASH_ALGORITHM.sha256,
  HASH_ALGORITHM.sha512,
]);
const CERTIFICATION_TYPES = new Set([0x10, 0x11, 0x12, 0x13]);
const SUBKEY_BINDING = 0x18;
const MIN_RSA_BITS = 2048;

/** openpgp.js's checks relaxed to securesystemslib's: it verifies SHA-1 self-signatures and ignores time. */
const SELF_SIGNATURE_CONFIG: openpgp.Config = {
  ...openpgp.config,
  rejectHashAlgorithms: new Set(),
  minRSABits: 0,
};

/**
 * The key as Debian's securesystemslib (`gpg.functions.export_pubkey`) reads
 * it from `gpg --export`, so that what we write in a layout is what in-toto
 * would derive from the same key.
 *
 * securesystemslib rebuilds the bytes a self-signature covers assuming
 * GnuPG wrote the primary and subkey packets with a two-octet length and the
 * user ID with a one-octet one. GnuPG writes lengths as short as they fit, so
 * packets under 256 bytes (every Ed25519 key, primary or subkey) fail that
 * check: an Ed25519 primary key shows no expiry and no subkeys, and an
 * Ed25519 subkey is never listed. We reproduce that rather than correct it,
 * so an Ed25519 key must sign in-toto metadata with its primary key.
 */
export async function gpgPublicKey(anyKey: openpgp.Key): Promise<GpgPublicKey> {
  // A secret key packet writes its secret too: read the public packets only.
  const key = anyKey.isPrivate() ? anyKey.toPublic() : anyKey;
  const primaryBody = key.keyPacket.write();
  const primary = keyFromPacketBody(primaryBody);
  if (!primary) {
    throw new CountersignError(
      'INVALID_KEY',
      `Key ${key.getFingerprint().toUpperCase()} cannot be used for in-toto: Debian's in-toto reads only v4 RSA, DSA and Ed25519 (EdDSA legacy) keys.`,
      'Use a v4 RSA (3072 or more bits) or Ed25519 key made by GnuPG 2.2.',
    );
  }
  if (primary.type === 'rsa' && rsaBits(primary) < MIN_RSA_BITS) {
    throw new CountersignError(
      'INVALID_KEY',
      `Key ${primary.keyid.toUpperCase()} is RSA with ${rsaBits(primary)} bits; at least ${MIN_RSA_BITS} are needed.`,
    );
  }
  const selfSignaturesCheckable = gnupgWritesTwoOctetLength(primaryBody.length);
  if (selfSignaturesCheckable) {
    const validity = await certifiedValidityPeriod(key, primary.keyid);
    if (validity !== undefined) primary.validity_period = validity;
  }
  const subkeys: Record<string, GpgPublicKey> = {};
  if (selfSignaturesCheckable) {
    for (const subkey of key.getSubkeys()) {
      const bound = await boundSubkey(key, subkey);
      if (bound) subkeys[bound.keyid] = bound;
    }
  }
  if (Object.keys(subkeys).length > 0) primary.subkeys = subkeys;
  return primary;
}

/** A key packet's body read as securesystemslib's parse_pubkey_payload reads it; null if it would refuse it. */
function keyFromPacketBody(body: Uint8Array): GpgPublicKey | null {
  if (body[0] !== 4 || body.length < 6) return null;
  const kind = KIND_BY_ALGORITHM[body[5] ?? 0];
  if (!kind) return null;
  const params = readKeyParams(kind.type, body.subarray(6));
  if (!params) return null;
  return {
    keyid: keyIdOf(body),
    type: kind.type,
    method: kind.method,
    hashes: ['pgp+SHA2'],
    creation_time: readUint32(body.subarray(1, 5)),
    keyval: { public: params, private: '' },
  };
}

function readKeyParams(
  type: GpgKeyType,
  data: Uint8Array,
): RsaPublic | DsaPublic | Ed25519Public | null {
  let offset = 0;
  const mpi = (): string => {
    const bits = ((data[offset] ?? 0) << 8) | (data[offset + 1] ?? 0);
    const length = (bits + 7) >> 3;
    const value = data.subarray(offset + 2, offset + 2 + length);
    offset += 2 + length;
    if (value.length !== length) throw new Error('truncated MPI');
    return toHex(value);
  };
  try {
    if (type === 'rsa') {
      const n = mpi();
      return { e: mpi(), n };
    }
    if (type === 'dsa') {
      const p = mpi();
      const q = mpi();
      const g = mpi();
      return { y: mpi(), p, g, q };
    }
    const oidLength = data[0] ?? 0;
    if (toHex(data.subarray(1, 1 + oidLength)) !== ED25519_OID) return null;
    offset = 1 + oidLength;
    const point = mpi();
    // 0x40 then the 32-byte point, exactly: anything else is refused.
    if (point.length !== 66 || !point.startsWith('40')) return null;
    return { q: point.slice(2) };
  } catch {
    return null;
  }
}

/** The v4 fingerprint of a key packet body, lower-case hex. */
function keyIdOf(body: Uint8Array): string {
  const header = Uint8Array.of(0x99, (body.length >> 8) & 0xff, body.length & 0xff);
  return createHash('sha1').update(header).update(body).digest('hex');
}

function rsaBits(key: GpgPublicKey): number {
  const { n } = key.keyval.public as RsaPublic;
  return (n.length / 2) * 8 - Math.clz32(parseInt(n.slice(0, 2), 16)) + 24;
}

/** GnuPG's old-format headers take the shortest length that fits: two octets from 256 bytes. */
function gnupgWritesTwoOctetLength(bodyLength: number): boolean {
  return bodyLength >= 256 && bodyLength < 65536;
}

/**
 * The primary key's expiry from its user IDs' self-certifications, chosen
 * as securesystemslib chooses: among valid ones carrying an expiry, the
 * newest, except that a primary-user-ID one is never replaced by one
 * without the flag.
 */
async function certifiedValidityPeriod(
  key: openpgp.Key,
  keyid: string,
): Promise<number | undefined> {
  let validity: number | undefined;
  let isPrimaryUser = false;
  let newest = 0;
  for (const user of key.users) {
    if (!user.userID) continue; // user attributes are not read
    // Rebuilt with a one-octet length by securesystemslib: longer IDs never verify.
    if (user.userID.write().length >= 256) continue;
    for (const signature of user.selfCertifications) {
      const packet = readableSelfSignature(signature, CERTIFICATION_TYPES);
      if (!packet || !issuedBy(packet, keyid)) continue;
      const verified = await signature
        .verify(
          key.keyPacket,
          packet.signatureType,
          { userID: user.userID, key: key.keyPacket },
          null as unknown as Date,
          false,
          SELF_SIGNATURE_CONFIG,
        )
        .then(
          () => true,
          () => false,
        );
      if (!verified) continue;
      const subpackets = subpacketsByType(packet);
      const expiry = subpackets.get(SUBPACKET.keyExpirationTime);
      if (!expiry) continue;
      const primaryFlag = subpackets.get(SUBPACKET.primaryUserId);
      const flagged = primaryFlag === undefined ? null : (primaryFlag[0] ?? 0) !== 0;
      if (isPrimaryUser && !flagged) continue;
      const created = readUint32(subpackets.get(SUBPACKET.creationTime) ?? new Uint8Array());
      if (!newest || newest < created) {
        validity = readUint32(expiry);
        isPrimaryUser = flagged ?? false;
        newest = created;
      }
    }
  }
  return validity;
}

/** A subkey as securesystemslib lists it: readable, with exactly one readable binding signature, which verifies. */
async function boundSubkey(key: openpgp.Key, subkey: openpgp.Subkey): Promise<GpgPublicKey | null> {
  const body = subkey.keyPacket.write();
  const parsed = keyFromPacketBody(body);
  if (!parsed || !gnupgWritesTwoOctetLength(body.length)) return null;
  const bindings = subkey.bindingSignatures.flatMap((signature) => {
    const packet = readableSelfSignature(signature, new Set([SUBKEY_BINDING]));
    return packet ? [{ signature, packet }] : [];
  });
  const [only] = bindings;
  if (bindings.length !== 1 || !only) return null;
  const verified = await only.signature
    .verify(
      key.keyPacket,
      SUBKEY_BINDING,
      { key: key.keyPacket, bind: subkey.keyPacket },
      null as unknown as Date,
      false,
      SELF_SIGNATURE_CONFIG,
    )
    .then(
      () => true,
      () => false,
    );
  if (!verified) return null;
  const expiry = subpacketsByType(only.packet).get(SUBPACKET.keyExpirationTime);
  if (expiry) parsed.validity_period = readUint32(expiry);
  return parsed;
}

/**
 * A self-signature securesystemslib's parse_signature_packet would accept:
 * v4, one of these types, a supported algorithm and hash, an issuer and a
 * creation time (looked up by the raw type octet: a critical one is missed).
 */
function readableSelfSignature(
  signature: openpgp.SignaturePacket,
  types: Set<number>,
): SignaturePacket | null {
  let packet: SignaturePacket;
  try {
    packet = readSignaturePacket(signature.write());
  } catch {
    return null;
  }
  if (!types.has(packet.signatureType)) return null;
  if (!KIND_BY_ALGORITHM[packet.publicKeyAlgorithm]) return null;
  if (!SELF_SIGNATURE_HASHES.has(packet.hashAlgorithm)) return null;
  const subpackets = subpacketsByType(packet);
  if (!subpackets.has(SUBPACKET.creationTime)) return null;
  const { fingerprint, keyId } = issuerOf(packet);
  if (!fingerprint && !keyId) return null;
  if (fingerprint && keyId && !fingerprint.endsWith(keyId)) return null;
  return packet;
}

function issuedBy(packet: SignaturePacket, keyid: string): boolean {
  const { fingerprint, keyId } = issuerOf(packet);
  return keyid.endsWith(fingerprint || keyId);
}
