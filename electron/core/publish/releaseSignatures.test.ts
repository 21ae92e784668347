import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseSigner } from './publishTypes';
import { signRelease } from './releaseSignatures';

const TEXT = 'Origin: Countersign\nLabel: prod\nSuite: stable\n';
let releaseKey: openpgp.PrivateKey;
let otherKey: openpgp.PrivateKey;

/** Signs as apt-prod's signer does, with openpgp.js; `text` lets a test sign something else. */
function signer(key: openpgp.PrivateKey, text?: string): ReleaseSigner {
  return async (release) => {
    // Armored, a binary message's detached signature is a string; typed lint
    // cannot resolve openpgp.js's conditional type for it.
    const detached: unknown = await openpgp.sign({
      message: await openpgp.createMessage({ binary: Buffer.from(text ?? release) }),
      signingKeys: key,
      detached: true,
      format: 'armored',
    });
    return {
      inRelease: await openpgp.sign({
        message: await openpgp.createCleartextMessage({ text: text ?? release }),
        signingKeys: key,
      }),
      releaseGpg: String(detached),
    };
  };
}

beforeAll(async () => {
  const make = async (name: string) =>
    (
      await openpgp.generateKey({
        type: 'ecc',
        userIDs: [{ name, email: 'release@example.org' }],
        format: 'object',
      })
    ).privateKey;
  releaseKey = await make('Release');
  otherKey = await make('Someone else');
});

describe('signRelease', () => {
  it('returns what a good signer made, checked against the release key', async () => {
    const signed = await signRelease(signer(releaseKey), TEXT, [releaseKey.toPublic()]);
    expect(signed.inRelease).toContain('-----BEGIN PGP SIGNED MESSAGE-----');
  });

  it('refuses an InRelease over another text', async () => {
    await expect(
      signRelease(signer(releaseKey, 'Origin: evil\n'), TEXT, undefined),
    ).rejects.toMatchObject({
      code: 'SIGNED_RELEASE_INVALID',
    });
  });

  it('refuses a Release.gpg that is not a signature', async () => {
    const broken: ReleaseSigner = async (text) => ({
      ...(await signer(releaseKey)(text)),
      releaseGpg: 'not a signature',
    });
    await expect(signRelease(broken, TEXT, undefined)).rejects.toMatchObject({
      code: 'SIGNED_RELEASE_INVALID',
    });
  });

  it('refuses signatures by a key other than the release key', async () => {
    await expect(
      signRelease(signer(otherKey), TEXT, [releaseKey.toPublic()]),
    ).rejects.toMatchObject({
      code: 'SIGNED_RELEASE_INVALID',
      message: expect.stringContaining('do not verify') as string,
    });
  });
});
