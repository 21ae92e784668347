import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { canonicalJsonBytes } from './canonicalJson';
import type { DsaPublic, Ed25519Public, GpgPublicKey, RsaPublic } from './gpgKey';
import type { Layout, Link, Metablock } from './metadata';
import { derInteger, derLength, derSequence } from './signaturePacket';
import type { InTotoSignature } from './signMetadata';

/**
 * Our own check of in-toto v0.9 signatures, for Countersign's QA: the same
 * judgement as Debian's in-toto (Metablock.verify_signature and
 * securesystemslib's gpg verify_signature), without Python or GnuPG.
 */

export type SignatureVerdict = { valid: true; signedBy: string } | { valid: false; reason: string };

/**
 * Whether the metablock carries a valid signature by `key` or one of its
 * listed subkeys. As in-toto: the first signature naming the key is the one
 * judged; a (sub)key past its validity period at `now` fails; the hash is
 * SHA-256 whatever the packet says.
 */
export function verifyMetablockSignature(
  metablock: Metablock<Link | Layout>,
  key: GpgPublicKey,
  now: Date,
): SignatureVerdict {
  const signature = metablock.signatures.find(
    (candidate) => candidate.keyid === key.keyid || key.subkeys?.[candidate.keyid] !== undefined,
  );
  if (!signature) return { valid: false, reason: `no signature by key ${key.keyid}` };
  const signer = signature.keyid === key.keyid ? key : key.subkeys?.[signature.keyid];
  if (!signer) return { valid: false, reason: `no signature by key ${key.keyid}` };
  if (
    signer.validity_period &&
    signer.creation_time + signer.validity_period < Math.floor(now.getTime() / 1000)
  ) {
    return { valid: false, reason: `key ${signer.keyid} expired` };
  }
  let valid: boolean;
  try {
    valid = verifyGpgSignature(signature, signer, canonicalJsonBytes(metablock.signed));
  } catch (error) {
    return { valid: false, reason: `unreadable signature: ${(error as Error).message}` };
  }
  return valid
    ? { valid: true, signedBy: signer.keyid }
    : { valid: false, reason: `signature by ${signer.keyid} does not verify` };
}

/** One in-toto GPG signature over `content`, checked with node's crypto. */
export function verifyGpgSignature(
  signature: InTotoSignature,
  key: GpgPublicKey,
  content: Uint8Array,
): boolean {
  const headers = Buffer.from(signature.other_headers, 'hex');
  const trailer = Buffer.alloc(6);
  trailer.writeUInt16BE(0x04ff, 0);
  trailer.writeUInt32BE(headers.length, 2);
  // RFC 4880 5.2.4: the data, the hashed header, then 0x04 0xFF and the header's length.
  const hashed = Buffer.concat([content, headers, trailer]);
  const value = Buffer.from(signature.signature, 'hex');
  switch (key.type) {
    case 'rsa': {
      const { n } = key.keyval.public as RsaPublic;
      // The MPI drops leading zeros; the RSA primitive wants the modulus's length.
      const padded = Buffer.concat([Buffer.alloc(Math.max(0, n.length / 2 - value.length)), value]);
      return verify('sha256', hashed, rsaKey(key.keyval.public as RsaPublic), padded);
    }
    case 'eddsa': {
      // EdDSA signs the digest itself (RFC 4880bis): Ed25519 over SHA-256(hashed).
      const digest = createHash('sha256').update(hashed).digest();
      return verify(null, digest, ed25519Key(key.keyval.public as Ed25519Public), value);
    }
    case 'dsa':
      return verify('sha256', hashed, dsaKey(key.keyval.public as DsaPublic), value);
  }
}

function base64url(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64url');
}

function rsaKey(params: RsaPublic): KeyObject {
  return createPublicKey({
    key: { kty: 'RSA', n: base64url(params.n), e: base64url(params.e) },
    format: 'jwk',
  });
}

function ed25519Key(params: Ed25519Public): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: base64url(params.q) },
    format: 'jwk',
  });
}

// DSA has no JWK form: its SubjectPublicKeyInfo is written out in DER.
const DSA_OID = Buffer.from('06072a8648ce380401', 'hex'); // 1.2.840.10040.4.1

function dsaKey(params: DsaPublic): KeyObject {
  const int = (hex: string) => derInteger(Buffer.from(hex, 'hex'));
  const algorithm = derSequence([
    DSA_OID,
    derSequence([int(params.p), int(params.q), int(params.g)]),
  ]);
  const y = int(params.y);
  const bitString = Buffer.concat([Buffer.of(0x03), derLength(y.length + 1), Buffer.of(0), y]);
  return createPublicKey({
    key: Buffer.from(derSequence([algorithm, bitString])),
    format: 'der',
    type: 'spki',
  });
}
