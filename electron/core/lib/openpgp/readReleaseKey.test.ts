import * as openpgp from 'openpgp';
import { describe, expect, it } from 'vitest';
import { releaseKeyInfoSchema } from '../../../../shared/signing';
import { readReleaseKey } from './readReleaseKey';
import { generatedKey, refusal, TEST_PASSPHRASE } from './testing/generatedKeys';

const HOUR = 3600;

describe('readReleaseKey', () => {
  it('accepts a protected Ed25519 key and names the exact key that will sign', async () => {
    const { armored, publicKey } = await generatedKey({ signingSubkeys: 1 });
    const key = await readReleaseKey(armored);
    const subkey = publicKey.subkeys[1];
    expect(releaseKeyInfoSchema.parse(key.info)).toEqual(key.info);
    expect(key.info).toMatchObject({
      fingerprint: publicKey.getFingerprint().toUpperCase(),
      userIds: ['Example Release <release@example.org>'],
      expires: null,
      protected: true,
      signingKey: {
        fingerprint: subkey?.getFingerprint().toUpperCase(),
        keyId: subkey?.getKeyID().toHex().toUpperCase(),
        algorithm: 'Ed25519',
        isSubkey: true,
        expires: null,
      },
    });
    expect(key.armored).toBe(armored);
    expect(key.key.isDecrypted()).toBe(false);
  });

  it('accepts a key whose primary key signs, and says so', async () => {
    const { armored } = await generatedKey();
    const { info } = await readReleaseKey(armored);
    expect(info.signingKey.isSubkey).toBe(false);
    expect(info.signingKey.fingerprint).toBe(info.fingerprint);
  });

  it('accepts an RSA 2048 key', async () => {
    const rsa = await readReleaseKey((await generatedKey({ type: 'rsa', rsaBits: 2048 })).armored);
    expect(rsa.info.signingKey.algorithm).toBe('RSA 2048');
    expect(releaseKeyInfoSchema.safeParse(rsa.info).success).toBe(true);
  });

  it("refuses RFC 9580's Ed25519, v4 or v6, because apt's gpgv cannot verify it", async () => {
    for (const v6 of [false, true]) {
      const { armored } = await generatedKey({ type: 'curve25519', v6 });
      const failure = await refusal(readReleaseKey(armored));
      expect(failure.code).toBe('KEY_NOT_APT_COMPATIBLE');
      expect(failure.message).toContain('gpgv');
    }
  });

  it('refuses text that is not a key, and more than one key', async () => {
    expect((await refusal(readReleaseKey('hello'))).code).toBe('INVALID_KEY');
    const garbled =
      '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nnot base64 at all\n-----END PGP PRIVATE KEY BLOCK-----\n';
    expect((await refusal(readReleaseKey(garbled))).code).toBe('INVALID_KEY');
    const [a, b] = await Promise.all([generatedKey(), generatedKey()]);
    const two = await refusal(readReleaseKey(`${a.armored}\n${b.armored}`));
    expect(two.code).toBe('INVALID_KEY');
    expect(two.message).toContain('2 keys');
  });

  it('refuses a public key and says how to export the secret one', async () => {
    const { publicKey } = await generatedKey();
    const error = await refusal(readReleaseKey(publicKey.armor()));
    const fpr = publicKey.getFingerprint().toUpperCase();
    expect(error.code).toBe('NOT_A_PRIVATE_KEY');
    expect(error.hint).toContain(`gpg --armor --export-secret-keys ${fpr}`);
  });

  it('refuses a key without a passphrase unless that is explicitly allowed', async () => {
    const { armored } = await generatedKey({ passphrase: '' });
    const error = await refusal(readReleaseKey(armored));
    expect(error.code).toBe('KEY_UNPROTECTED');
    expect(error.hint).toContain('gpg --passwd');
    const allowed = await readReleaseKey(armored, { allowUnprotected: true });
    expect(allowed.info.protected).toBe(false);
  });

  it('refuses an expired key, says when it expired, and judges at the date given', async () => {
    const created = new Date('2020-01-01T00:00:00Z');
    const { armored } = await generatedKey({ date: created, keyExpirationTime: 24 * HOUR });
    const error = await refusal(readReleaseKey(armored));
    expect(error.code).toBe('KEY_EXPIRED');
    expect(error.message).toContain('expired on 2020-01-02 00:00:00 UTC');
    expect(error.message).toContain('checked as of');
    const then = await readReleaseKey(armored, { date: new Date('2020-01-01T12:00:00Z') });
    expect(then.info.expires).toBe('2020-01-02T00:00:00.000Z');
  });

  it('refuses a key for a date before it was made', async () => {
    const { armored } = await generatedKey({ date: new Date('2024-01-01T00:00:00Z') });
    const error = await refusal(
      readReleaseKey(armored, { date: new Date('2023-01-01T00:00:00Z') }),
    );
    expect(error.code).toBe('KEY_CANNOT_SIGN');
  });

  it('refuses a revoked key with the reason its owner gave', async () => {
    const { armored } = await generatedKey({ passphrase: '' });
    const privateKey = await openpgp.readPrivateKey({ armoredKey: armored });
    const { privateKey: revoked } = await openpgp.revokeKey({
      key: privateKey,
      reasonForRevocation: {
        flag: openpgp.enums.reasonForRevocation.keyCompromised,
        string: 'laptop stolen',
      },
      format: 'armored',
    });
    const error = await refusal(readReleaseKey(revoked, { allowUnprotected: true }));
    expect(error.code).toBe('KEY_REVOKED');
    expect(error.message).toContain('key compromised: laptop stolen');
  });

  it('refuses an RSA 1024 key as weak, not as unable to sign', async () => {
    const { armored } = await generatedKey({ type: 'rsa', rsaBits: 1024 });
    const error = await refusal(readReleaseKey(armored));
    expect(error.code).toBe('WEAK_KEY');
    expect(error.message).toContain('RSA 1024');
  });

  it('refuses a key whose secret parts are protected unevenly', async () => {
    const { armored } = await generatedKey({ signingSubkeys: 1 });
    const key = await openpgp.decryptKey({
      privateKey: await openpgp.readPrivateKey({ armoredKey: armored }),
      passphrase: TEST_PASSPHRASE,
    });
    // Re-protect the primary key only: the subkeys stay in the clear.
    if (!(key.keyPacket instanceof openpgp.SecretKeyPacket)) throw new Error('not a secret key');
    await key.keyPacket.encrypt(TEST_PASSPHRASE);
    const error = await refusal(readReleaseKey(key.armor(), { allowUnprotected: true }));
    expect(error.code).toBe('KEY_UNPROTECTED');
    expect(error.message).toContain('Part of the release key');
  });
});
