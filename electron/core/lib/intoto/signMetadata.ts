import * as openpgp from 'openpgp';
import { CountersignError } from '../../../../shared/errors';
import { canonicalJsonBytes } from './canonicalJson';
import { gpgPublicKey } from './gpgKey';
import {
  HASH_ALGORITHM,
  issuerOf,
  readSignaturePacket,
  signatureValueBytes,
  toHex,
} from './signaturePacket';

/**
 * A signature in in-toto's GPG form (securesystemslib's
 * GPG_SIGNATURE_SCHEMA): the raw parts of a binary OpenPGP signature, in
 * lower-case hex, that in-toto re-hashes and verifies itself.
 */
export interface InTotoSignature {
  /** The fingerprint of the (sub)key that signed, lower-case hex. */
  keyid: string;
  /** The signature packet from its version octet through its hashed subpackets. */
  other_headers: string;
  /** The bare signature value: RSA's integer, Ed25519's R‖S, DSA's DER (r, s). */
  signature: string;
}

const BINARY_DOCUMENT = 0x00;

/**
 * Signs the canonical JSON of `signed` as GnuPG does for in-toto
 * (`gpg --detach-sign --digest-algo SHA256`): a binary signature hashed with
 * SHA-256. in-toto re-hashes with SHA-256 whatever the packet says, so any
 * other hash (openpgp.js's choice for Ed25519 keys and for keys preferring
 * SHA-512) would never verify: it is asked for, and checked.
 *
 * `key` must be decrypted. `signingKeyFingerprint` names the (sub)key,
 * the primary key by default; it must be one in-toto sees on the key (see
 * gpgPublicKey: never an Ed25519 subkey).
 */
export async function signMetadata(
  signed: unknown,
  key: openpgp.PrivateKey,
  options: { date: Date; signingKeyFingerprint?: string },
): Promise<InTotoSignature> {
  // in-toto names functionaries by primary key: a subkey signs only when asked for.
  const wanted = (options.signingKeyFingerprint ?? key.getFingerprint()).toLowerCase();
  const part = key.getKeys().find((candidate) => candidate.getFingerprint() === wanted);
  if (!part) {
    throw new CountersignError(
      'KEY_CANNOT_SIGN',
      `Key ${key.getFingerprint().toUpperCase()} has no (sub)key ${wanted.toUpperCase()}.`,
    );
  }
  const asInToto = await gpgPublicKey(key);
  if (wanted !== asInToto.keyid && !asInToto.subkeys?.[wanted]) {
    throw new CountersignError(
      'KEY_CANNOT_SIGN',
      `in-toto cannot verify signatures by subkey ${wanted.toUpperCase()}: Debian's securesystemslib does not list it on key ${asInToto.keyid.toUpperCase()} (it drops Ed25519 subkeys, every subkey of an Ed25519 primary key, and subkeys whose binding signature it cannot read, such as those openpgp.js makes).`,
      'Sign with the primary key, or with an RSA subkey of an RSA primary key made by GnuPG.',
    );
  }
  // openpgp.js checks that this (sub)key may sign at that date: flags, expiry, revocation.
  const signingKey = await key.getSigningKey(part.getKeyID(), options.date);
  // openpgp.sign() chooses the hash itself (SHA-512 for Ed25519, whatever we
  // prefer), so the packet is made here with SHA-256 set before signing.
  const packet = new openpgp.SignaturePacket();
  packet.signatureType = openpgp.enums.signature.binary;
  packet.publicKeyAlgorithm = signingKey.keyPacket.algorithm;
  packet.hashAlgorithm = openpgp.enums.hash.sha256;
  const message = await openpgp.createMessage({ binary: canonicalJsonBytes(signed) });
  const literal = message.packets.findPacket(openpgp.enums.packet.literalData) as
    openpgp.LiteralDataPacket | undefined;
  if (!literal) throw new Error('openpgp.js made a message without literal data');
  // openpgp.js signs a literal data packet's bytes and needs its config;
  // its typings declare a Uint8Array and no config.
  const sign = packet.sign.bind(packet) as unknown as (
    key: typeof signingKey.keyPacket,
    data: openpgp.LiteralDataPacket,
    date: Date,
    detached: boolean,
    config: openpgp.Config,
  ) => Promise<void>;
  await sign(signingKey.keyPacket, literal, options.date, true, openpgp.config);
  return inTotoSignature(packet.write(), wanted);
}

/** A signature packet's body in in-toto's form, refused unless it is what in-toto verifies. */
export function inTotoSignature(body: Uint8Array, keyid: string): InTotoSignature {
  const packet = readSignaturePacket(body);
  if (packet.signatureType !== BINARY_DOCUMENT) {
    throw new Error(`signature type ${packet.signatureType}, not a binary document signature`);
  }
  if (packet.hashAlgorithm !== HASH_ALGORITHM.sha256) {
    throw new Error(`signature hashed with algorithm ${packet.hashAlgorithm}, not SHA-256 (8)`);
  }
  const issuer = issuerOf(packet);
  if (issuer.fingerprint !== keyid) {
    throw new Error(`signature issued by ${issuer.fingerprint || issuer.keyId}, not ${keyid}`);
  }
  return {
    keyid,
    other_headers: toHex(packet.hashedHeader),
    signature: toHex(signatureValueBytes(packet)),
  };
}
