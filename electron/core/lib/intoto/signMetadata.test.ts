import * as openpgp from 'openpgp';
import { describe, expect, it } from 'vitest';
import { generatedKey } from '../openpgp/testing/generatedKeys';
import { gpgPublicKey } from './gpgKey';
import { buildLink, type Metablock, type Link } from './metadata';
import { readPackets, readSignaturePacket } from './signaturePacket';
import { signMetadata } from './signMetadata';
import { verifyMetablockSignature } from './verifyMetablock';

const DATE = new Date('2026-01-02T03:04:05Z');
const NOW = new Date('2026-06-01T00:00:00Z');
const SHA = 'a'.repeat(64);

async function unlocked(options: Parameters<typeof generatedKey>[0]) {
  const { armored } = await generatedKey({ passphrase: '', date: DATE, ...options });
  return openpgp.readPrivateKey({ armoredKey: armored });
}

function hashAlgorithmOf(otherHeaders: string): number {
  // other_headers starts version, type, public-key algorithm, hash algorithm.
  return Buffer.from(otherHeaders, 'hex')[3] ?? -1;
}

describe('signMetadata', () => {
  it('signs an Ed25519 key’s link with SHA-256, which openpgp.js alone would make SHA-512, and the signature verifies', async () => {
    const key = await unlocked({ type: 'curve25519Legacy' });
    const link = buildLink({ name: 'approve', products: { 'hello_1.0_all.deb': SHA } });
    const signature = await signMetadata(link, key, { date: DATE });
    expect(signature.keyid).toBe(key.getFingerprint());
    expect(hashAlgorithmOf(signature.other_headers)).toBe(openpgp.enums.hash.sha256);
    expect(signature.signature).toHaveLength(128); // R‖S, 32 bytes each

    const metablock: Metablock<Link> = { signed: link, signatures: [signature] };
    const publicKey = await gpgPublicKey(key.toPublic());
    expect(verifyMetablockSignature(metablock, publicKey, NOW)).toEqual({
      valid: true,
      signedBy: key.getFingerprint(),
    });
  });

  it('openpgp.js without our config would hash with SHA-512 for this key (why we ask and check)', async () => {
    const key = await unlocked({ type: 'curve25519Legacy' });
    const binary = (await openpgp.sign({
      message: await openpgp.createMessage({ binary: new Uint8Array([1]) }),
      signingKeys: key,
      detached: true,
      format: 'binary',
      date: DATE,
    })) as unknown as Uint8Array;
    const [packet] = readPackets(binary);
    expect(readSignaturePacket(packet?.body ?? new Uint8Array()).hashAlgorithm).toBe(
      openpgp.enums.hash.sha512,
    );
  });

  it('signs with an RSA key, whose signature is its modulus’s size', async () => {
    const key = await unlocked({ type: 'rsa', rsaBits: 2048 });
    const link = buildLink({ name: 'approve', products: { 'a.deb': SHA } });
    const signature = await signMetadata(link, key, { date: DATE });
    expect(hashAlgorithmOf(signature.other_headers)).toBe(openpgp.enums.hash.sha256);
    expect(signature.signature.length).toBeLessThanOrEqual(512);
    const publicKey = await gpgPublicKey(key.toPublic());
    expect(
      verifyMetablockSignature({ signed: link, signatures: [signature] }, publicKey, NOW),
    ).toEqual({ valid: true, signedBy: key.getFingerprint() });
  });

  it('refuses an openpgp.js subkey: its binding signature’s critical creation time hides it from securesystemslib', async () => {
    const key = await unlocked({ type: 'rsa', rsaBits: 2048, signingSubkeys: 1 });
    const subkey = key.getSubkeys().at(-1);
    await expect(
      signMetadata(buildLink({ name: 'approve', products: {} }), key, {
        date: DATE,
        signingKeyFingerprint: subkey?.getFingerprint() ?? '',
      }),
    ).rejects.toMatchObject({ code: 'KEY_CANNOT_SIGN' });
    expect((await gpgPublicKey(key.toPublic())).subkeys).toBeUndefined();
  });

  it('refuses to sign with an Ed25519 subkey, which Debian’s in-toto cannot see', async () => {
    const key = await unlocked({ type: 'curve25519Legacy', signingSubkeys: 1 });
    const subkey = key.getSubkeys().at(-1);
    await expect(
      signMetadata(buildLink({ name: 'approve', products: {} }), key, {
        date: DATE,
        signingKeyFingerprint: subkey?.getFingerprint() ?? '',
      }),
    ).rejects.toMatchObject({ code: 'KEY_CANNOT_SIGN' });
  });

  it('a signature no longer verifies once the link is edited, or with another key', async () => {
    const key = await unlocked({ type: 'curve25519Legacy' });
    const other = await unlocked({ type: 'curve25519Legacy' });
    const link = buildLink({ name: 'approve', products: { 'a.deb': SHA } });
    const signature = await signMetadata(link, key, { date: DATE });
    const edited = buildLink({ name: 'approve', products: { 'a.deb': 'b'.repeat(64) } });
    const publicKey = await gpgPublicKey(key.toPublic());
    expect(
      verifyMetablockSignature({ signed: edited, signatures: [signature] }, publicKey, NOW),
    ).toEqual({ valid: false, reason: `signature by ${key.getFingerprint()} does not verify` });
    expect(
      verifyMetablockSignature(
        { signed: link, signatures: [signature] },
        await gpgPublicKey(other.toPublic()),
        NOW,
      ),
    ).toEqual({ valid: false, reason: `no signature by key ${other.getFingerprint()}` });
  });
});
