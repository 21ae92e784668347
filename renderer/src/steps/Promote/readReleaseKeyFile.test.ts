import { describe, expect, it } from 'vitest';
import { MAX_RELEASE_KEY_LENGTH } from '../../../../shared/signing';
import { readReleaseKeyFile, ReleaseKeyFileProblem } from './readReleaseKeyFile';

const armored = (kind: string) =>
  `-----BEGIN PGP ${kind} KEY BLOCK-----\n\nxVgE\n-----END PGP ${kind} KEY BLOCK-----\n`;

describe('readReleaseKeyFile', () => {
  it('reads an armored secret key as text', async () => {
    const text = armored('PRIVATE');
    expect(await readReleaseKeyFile(new Blob([text]))).toBe(text);
  });

  it('explains a public key, a binary export and an oversized file', async () => {
    await expect(readReleaseKeyFile(new Blob([armored('PUBLIC')]))).rejects.toThrow(
      /public key only.*--export-secret-keys/,
    );
    await expect(
      readReleaseKeyFile(new Blob([new Uint8Array([0x95, 0x01, 0x0d])])),
    ).rejects.toThrow(ReleaseKeyFileProblem);
    await expect(
      readReleaseKeyFile(new Blob([new Uint8Array(MAX_RELEASE_KEY_LENGTH + 1)])),
    ).rejects.toThrow(/MB/);
  });
});
