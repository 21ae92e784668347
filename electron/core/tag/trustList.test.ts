import * as openpgp from 'openpgp';
import { describe, expect, it } from 'vitest';
import type { ProjectConfig } from '../../../shared/project';
import { revocationOf } from '../lib/openpgp/keyFacts';
import { readKeyring } from '../lib/openpgp/readKeyring';
import { addTrustedKeys, removeTrustedKey } from './trustList';

const empty: ProjectConfig = { name: 'p', source: { repo: '.' }, trustedSigners: [] };

async function makeKey() {
  return openpgp.generateKey({
    userIDs: [{ name: 'M', email: 'm@example.org' }],
    type: 'curve25519',
    format: 'object',
  });
}

describe('trust list', () => {
  it('pins each imported key by its full primary fingerprint', async () => {
    const { publicKey } = await makeKey();
    const config = await addTrustedKeys(empty, publicKey.armor());
    expect(config.trustedSigners).toHaveLength(1);
    expect(config.trustedSigners[0]?.fingerprint).toBe(publicKey.getFingerprint().toUpperCase());
  });

  it('refuses a secret key, armored or binary, saying why, and keeps nothing', async () => {
    const { privateKey } = await makeKey();
    await expect(addTrustedKeys(empty, privateKey.armor())).rejects.toMatchObject({
      code: 'INVALID_KEY',
      message: expect.stringMatching(/secret key should never be pasted/) as unknown,
    });
    const binary = `base64:${Buffer.from(privateKey.write()).toString('base64')}`;
    await expect(addTrustedKeys(empty, binary)).rejects.toMatchObject({ code: 'INVALID_KEY' });
    expect(empty.trustedSigners).toEqual([]);
  });

  it('keeps a revocation when an older, unrevoked copy of the key is imported again', async () => {
    const { privateKey, publicKey } = await makeKey();
    const revoked = await openpgp.revokeKey({ key: privateKey, format: 'object' });
    let config = await addTrustedKeys(empty, revoked.publicKey.armor());
    config = await addTrustedKeys(config, publicKey.armor());
    const [stored] = await readKeyring(
      new TextEncoder().encode(config.trustedSigners[0]?.publicKey),
      'stored',
    );
    expect(stored && (await revocationOf(stored)).revoked).toBe(true);
  });

  it('removes a signer by fingerprint and refuses an unknown one', async () => {
    const { publicKey } = await makeKey();
    const config = await addTrustedKeys(empty, publicKey.armor());
    const fingerprint = publicKey.getFingerprint().toUpperCase();
    expect(removeTrustedKey(config, fingerprint).trustedSigners).toEqual([]);
    expect(() => removeTrustedKey(config, 'F'.repeat(40))).toThrow(/No trusted signer/);
  });
});
