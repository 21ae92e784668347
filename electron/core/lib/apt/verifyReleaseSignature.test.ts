import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../openpgp/keyFacts';
import { verifyDetachedRelease, verifyInRelease } from './verifyReleaseSignature';

const RELEASE = 'Origin: CI\nSuite: testing\nComponents: main\nArchitectures: amd64\nSHA256:\n';
const NOW = new Date('2026-02-01T12:00:00Z');
const SIGNED_AT = new Date('2026-02-01T10:00:00Z');
const KEY_DATE = new Date('2025-01-01T00:00:00Z');

async function makeKey(name: string, options: { keyExpirationTime?: number } = {}) {
  const { privateKey } = await openpgp.generateKey({
    type: 'ecc',
    userIDs: [{ name, email: `${name}@example.org` }],
    date: KEY_DATE,
    format: 'object',
    ...options,
  });
  return privateKey;
}

async function clearsign(text: string, keys: openpgp.PrivateKey[], date = SIGNED_AT) {
  return openpgp.sign({
    message: await openpgp.createCleartextMessage({ text }),
    signingKeys: keys,
    date,
  });
}

let trusted: openpgp.PrivateKey;
let stranger: openpgp.PrivateKey;

beforeAll(async () => {
  trusted = await makeKey('ci');
  stranger = await makeKey('stranger');
});

describe('verifyInRelease', () => {
  it('returns the signed text and the trusted key that made a valid signature', async () => {
    const check = await verifyInRelease(
      await clearsign(RELEASE, [trusted]),
      [trusted.toPublic()],
      NOW,
    );
    expect(check.signedText).toBe(RELEASE);
    expect(check.signedBy).toEqual([fingerprintOf(trusted)]);
    expect(check.signatures).toEqual([
      {
        keyId: trusted.getKeyID().toHex().toUpperCase(),
        fingerprint: fingerprintOf(trusted),
        trusted: true,
        valid: true,
        reason: null,
      },
    ]);
  });

  it('reports every signature and passes when one is by a trusted key', async () => {
    const check = await verifyInRelease(
      await clearsign(RELEASE, [stranger, trusted]),
      [trusted.toPublic()],
      NOW,
    );
    expect(check.signedBy).toEqual([fingerprintOf(trusted)]);
    expect(
      check.signatures.map((signature) => [
        signature.fingerprint,
        signature.trusted,
        signature.valid,
      ]),
    ).toEqual([
      [fingerprintOf(stranger), false, false],
      [fingerprintOf(trusted), true, true],
    ]);
    expect(check.signatures[0]?.reason).toMatch(/not among the trusted repository keys/);
  });

  it('does not count a signature whose text was changed after signing', async () => {
    const armored = await clearsign(RELEASE, [trusted]);
    const check = await verifyInRelease(
      armored.replace('Suite: testing', 'Suite: stable'),
      [trusted.toPublic()],
      NOW,
    );
    expect(check.signedBy).toEqual([]);
    expect(check.signatures[0]).toMatchObject({ trusted: true, valid: false });
    expect(check.signatures[0]?.reason).toMatch(/changed after signing/);
  });

  it.each([
    ['text before the signed message', (armored: string) => `Suite: evil\n${armored}`],
    ['text after the signature', (armored: string) => `${armored}Suite: evil\n`],
    ['a second signed message', (armored: string) => `${armored}${armored}`],
    [
      'no signature block',
      (armored: string) => armored.slice(0, armored.indexOf('-----BEGIN PGP SIGNATURE')),
    ],
  ])('refuses an InRelease with %s', async (_name, edit) => {
    const armored = await clearsign(RELEASE, [trusted]);
    await expect(verifyInRelease(edit(armored), [trusted.toPublic()], NOW)).rejects.toMatchObject({
      code: 'REPOSITORY_SIGNATURE_INVALID',
    });
  });

  it('does not count a key that has expired by now, and says so', async () => {
    const shortLived = await makeKey('short', { keyExpirationTime: 60 * 60 * 24 * 30 });
    const check = await verifyInRelease(
      await clearsign(RELEASE, [shortLived], new Date('2025-01-02T00:00:00Z')),
      [shortLived.toPublic()],
      NOW,
    );
    expect(check.signedBy).toEqual([]);
    expect(check.signatures[0]?.reason).toMatch(/expired on 2025-01-31/);
  });

  it('does not count a revoked key, and says so', async () => {
    const key = await makeKey('revoked');
    const armored = await clearsign(RELEASE, [key]);
    const { publicKey } = await openpgp.revokeKey({
      key,
      date: new Date('2026-01-15T00:00:00Z'),
      reasonForRevocation: { flag: openpgp.enums.reasonForRevocation.keyCompromised },
      format: 'object',
    });
    const check = await verifyInRelease(armored, [publicKey], NOW);
    expect(check.signedBy).toEqual([]);
    expect(check.signatures[0]?.reason).toMatch(/revoked \(key compromised/);
  });

  it("does not count a signature made after this computer's time", async () => {
    const check = await verifyInRelease(
      await clearsign(RELEASE, [trusted], new Date('2026-03-01T00:00:00Z')),
      [trusted.toPublic()],
      NOW,
    );
    expect(check.signatures[0]?.reason).toMatch(/after this computer's time/);
  });

  it('names SHA-1 as the reason a SHA-1 signature does not count', async () => {
    const { privateKey } = await openpgp.generateKey({
      type: 'rsa',
      rsaBits: 2048,
      userIDs: [{ name: 'old' }],
      date: KEY_DATE,
      format: 'object',
    });
    // openpgp.js will not make a SHA-1 signature through its high-level API;
    // build the packet by hand, as an old signer would have.
    const text = await openpgp.createMessage({ text: RELEASE });
    const literal = text.packets.filterByTag(openpgp.enums.packet.literalData)[0];
    const packet = new openpgp.SignaturePacket();
    packet.signatureType = openpgp.enums.signature.text;
    packet.publicKeyAlgorithm = privateKey.keyPacket.algorithm;
    packet.hashAlgorithm = openpgp.enums.hash.sha1;
    packet.issuerKeyID = privateKey.getKeyID();
    packet.issuerFingerprint = privateKey.keyPacket.getFingerprintBytes() ?? null;
    // The typings omit sign's config parameter, which the SHA-1 case needs.
    const sign = packet.sign.bind(packet) as unknown as (
      ...args: [openpgp.SecretKeyPacket, object, Date, boolean, openpgp.Config]
    ) => Promise<void>;
    await sign(
      privateKey.keyPacket as openpgp.SecretKeyPacket,
      literal as object,
      SIGNED_AT,
      true,
      // Its salt notation is defined only for SHA-2 and newer.
      { ...openpgp.config, nonDeterministicSignaturesViaNotation: false },
    );
    const list = new openpgp.PacketList<openpgp.SignaturePacket>();
    list.push(packet);
    const armoredSignature = new openpgp.Signature(list).armor();
    // The line break before the signature block belongs to the armor, not the text.
    const armored = `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA1\n\n${RELEASE}\n${armoredSignature}`;
    const check = await verifyInRelease(armored, [privateKey.toPublic()], NOW);
    expect(check.signatures[0]).toMatchObject({ trusted: true, valid: false });
    expect(check.signatures[0]?.reason).toMatch(/signed with SHA1/);
  });
});

async function detachedSignature(
  bytes: Uint8Array,
  format: 'armored' | 'binary',
): Promise<Uint8Array> {
  const message = await openpgp.createMessage({ binary: bytes });
  // The typings' conditional return type for a binary message is unresolvable
  // for typed lint; the value is a string (armored) or bytes (binary).
  const options = { message, signingKeys: trusted, detached: true, date: SIGNED_AT };
  const signed: unknown =
    format === 'binary'
      ? await openpgp.sign({ ...options, format: 'binary' })
      : await openpgp.sign({ ...options, format: 'armored' });
  return typeof signed === 'string' ? new TextEncoder().encode(signed) : (signed as Uint8Array);
}

describe('verifyDetachedRelease', () => {
  const bytes = new TextEncoder().encode(RELEASE);

  it.each([
    ['armored', 'armored'],
    ['binary', 'binary'],
  ] as const)(
    'verifies an %s Release.gpg over the exact bytes of Release',
    async (_name, format) => {
      const signature = await detachedSignature(bytes, format);
      const check = await verifyDetachedRelease(bytes, signature, [trusted.toPublic()], NOW);
      expect(check.signedText).toBe(RELEASE);
      expect(check.signedBy).toEqual([fingerprintOf(trusted)]);
    },
  );

  it('does not count a signature over other bytes', async () => {
    const signature = await detachedSignature(bytes, 'armored');
    const other = new TextEncoder().encode(RELEASE.replace('testing', 'stable!'));
    const check = await verifyDetachedRelease(other, signature, [trusted.toPublic()], NOW);
    expect(check.signedBy).toEqual([]);
  });

  it('refuses a Release.gpg that is not a signature', async () => {
    await expect(
      verifyDetachedRelease(bytes, new TextEncoder().encode('hello'), [trusted.toPublic()], NOW),
    ).rejects.toMatchObject({ code: 'REPOSITORY_SIGNATURE_INVALID' });
  });
});
