import * as openpgp from 'openpgp';
import { fingerprintOf } from './keyFacts';
import type { UnlockedReleaseKey } from './unlockReleaseKey';

/**
 * A binary detached signature (what `gpg --detach-sign --digest-algo SHA256`
 * makes) over exactly these bytes, hashed with SHA-256 whatever the key
 * prefers. openpgp.sign() chooses the hash itself: SHA-512 for an Ed25519
 * key even when SHA-256 is preferred (RFC 9580 lets a curve ask for a
 * stronger one), so the packet is made here with SHA-256 set. in-toto
 * verifies only SHA-256, and a reviewer's decision is checked the same way.
 * Signs with the exact (sub)key `unlocked.info.signingKey` names.
 */
export async function signBinarySha256(
  unlocked: UnlockedReleaseKey,
  bytes: Uint8Array,
  date: Date,
): Promise<Uint8Array> {
  const wanted = unlocked.info.signingKey.fingerprint;
  const part = unlocked.key.getKeys().find((candidate) => fingerprintOf(candidate) === wanted);
  if (!part) {
    throw new Error(`the unlocked key has no key ${wanted}, which it was checked to sign with`);
  }
  // openpgp.js checks that this (sub)key may sign at that date: flags, expiry, revocation.
  const signingKey = await unlocked.key.getSigningKey(part.getKeyID(), date);
  const packet = new openpgp.SignaturePacket();
  packet.signatureType = openpgp.enums.signature.binary;
  packet.publicKeyAlgorithm = signingKey.keyPacket.algorithm;
  packet.hashAlgorithm = openpgp.enums.hash.sha256;
  const message = await openpgp.createMessage({ binary: bytes });
  const literal = message.packets.findPacket(openpgp.enums.packet.literalData) as
    openpgp.LiteralDataPacket | undefined;
  if (!literal) throw new Error('openpgp.js made a message without literal data');
  // openpgp.js signs a literal data packet's bytes and needs its config; its
  // typings declare a Uint8Array and no config.
  const sign = packet.sign.bind(packet) as unknown as (
    key: typeof signingKey.keyPacket,
    data: openpgp.LiteralDataPacket,
    date: Date,
    detached: boolean,
    config: openpgp.Config,
  ) => Promise<void>;
  await sign(signingKey.keyPacket, literal, date, true, openpgp.config);
  const list = new openpgp.PacketList<openpgp.SignaturePacket>();
  list.push(packet);
  return new openpgp.Signature(list).write() as Uint8Array;
}
