import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyDetachedRelease, verifyInRelease } from '../apt/verifyReleaseSignature';
import { issuerFingerprint } from './signaturePolicy';
import { readReleaseKey } from './readReleaseKey';
import type { ReleaseKey } from './releaseKey';
import { cleartextBody, signRelease } from './signRelease';
import { generatedKey, refusal, TEST_PASSPHRASE } from './testing/generatedKeys';
import { unlockReleaseKey, type UnlockedReleaseKey } from './unlockReleaseKey';

const RELEASE = [
  'Origin: Example',
  'Suite: stable',
  'Date: Sat, 01 Nov 2025 00:00:00 UTC',
  'SHA256:',
  ' e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 0 main/binary-amd64/Packages',
  '- a line that starts with a dash',
  '-----BEGIN PGP SIGNATURE-----',
  'Description: Ünïcödé',
  '',
].join('\n');
const DATE = new Date('2025-11-01T12:00:00Z');

let key: ReleaseKey;
let publicKey: openpgp.PublicKey;
let unlocked: UnlockedReleaseKey;

async function signatureOf(armored: string): Promise<openpgp.SignaturePacket> {
  const [packet] = (await openpgp.readSignature({ armoredSignature: armored })).packets;
  if (!packet) throw new Error('no signature');
  return packet;
}

const signatureBlock = (inRelease: string) =>
  inRelease.slice(inRelease.lastIndexOf('-----BEGIN PGP SIGNATURE-----'));

beforeAll(async () => {
  const generated = await generatedKey({
    signingSubkeys: 2,
    date: new Date('2025-01-01T00:00:00Z'),
  });
  publicKey = generated.publicKey;
  key = await readReleaseKey(generated.armored, { date: DATE });
  unlocked = await unlockReleaseKey(key, TEST_PASSPHRASE);
});

describe('signRelease', () => {
  it('writes an InRelease whose signed text is Release, as gpg --clearsign does', async () => {
    const { inRelease } = await signRelease(unlocked, RELEASE, DATE);
    expect(inRelease).not.toContain('\r');
    expect(inRelease).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nOrigin: /);
    expect(inRelease).toContain('\n- - a line that starts with a dash\n');
    expect(inRelease).toContain('\n- -----BEGIN PGP SIGNATURE-----\n');
    expect(inRelease).toContain('Ünïcödé\n-----BEGIN PGP SIGNATURE-----\n');
    expect(`${cleartextBody(inRelease)}\n`).toBe(RELEASE);
    const check = await verifyInRelease(inRelease, [publicKey], DATE);
    expect(check.signedBy).toEqual([key.info.fingerprint]);
    expect(`${check.signedText}\n`).toBe(RELEASE);
  });

  it('writes a Release.gpg over the exact bytes of Release', async () => {
    const { releaseGpg } = await signRelease(unlocked, RELEASE, DATE);
    expect(releaseGpg).toMatch(/^-----BEGIN PGP SIGNATURE-----\n/);
    const bytes = new Uint8Array(Buffer.from(RELEASE, 'utf8'));
    const check = await verifyDetachedRelease(bytes, Buffer.from(releaseGpg), [publicKey], DATE);
    expect(check.signedBy).toEqual([key.info.fingerprint]);
    bytes[0] = 'o'.charCodeAt(0);
    const tampered = await verifyDetachedRelease(bytes, Buffer.from(releaseGpg), [publicKey], DATE);
    expect(tampered.signedBy).toEqual([]);
  });

  it('signs with SHA-512, at the date given, by the key shown to the release manager', async () => {
    const { inRelease, releaseGpg } = await signRelease(unlocked, RELEASE, DATE);
    for (const armored of [signatureBlock(inRelease), releaseGpg]) {
      const packet = await signatureOf(armored);
      expect(packet.hashAlgorithm).toBe(openpgp.enums.hash.sha512);
      expect(packet.created).toEqual(DATE);
      expect(issuerFingerprint(packet)).toBe(key.info.signingKey.fingerprint);
    }
  });

  it('signs with exactly the subkey named in info.signingKey, not one openpgp.js would pick', async () => {
    const other = publicKey.subkeys
      .map((subkey) => subkey.getFingerprint().toUpperCase())
      .find((fpr, index) => index > 0 && fpr !== key.info.signingKey.fingerprint);
    if (!other) throw new Error('the test key needs two signing subkeys');
    const signingKey = { ...unlocked.info.signingKey, fingerprint: other };
    const redirected = { ...unlocked, info: { ...unlocked.info, signingKey } };
    const { releaseGpg } = await signRelease(redirected, RELEASE, DATE);
    expect(issuerFingerprint(await signatureOf(releaseGpg))).toBe(other);
  });

  it('refuses text a cleartext signature would change', async () => {
    for (const text of ['', 'Origin: x\r\n', 'Origin: x \n', 'Origin:\tx\t\n', 'bad \ud800\n']) {
      expect((await refusal(signRelease(unlocked, text, DATE))).code).toBe('INVALID_RELEASE_TEXT');
    }
  });

  it('signs a Release without a final newline the same way', async () => {
    const { inRelease } = await signRelease(unlocked, RELEASE.slice(0, -1), DATE);
    expect(`${cleartextBody(inRelease)}\n`).toBe(RELEASE);
  });
});

describe('cleartextBody', () => {
  it('undoes dash-escaping and ignores the armor', () => {
    const signed =
      '-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\na\n- -b\n- - c\n-----BEGIN PGP SIGNATURE-----\n\nxx\n-----END PGP SIGNATURE-----\n';
    expect(cleartextBody(signed)).toBe('a\n-b\n- c');
    expect(cleartextBody('no armor')).toBeNull();
  });
});
