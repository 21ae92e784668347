import { describe, expect, it } from 'vitest';
import { KeyFileProblem, MAX_KEY_FILE_BYTES, readKeyFile } from './readKeyFile';

describe('readKeyFile', () => {
  it('keeps an armored public key as text', async () => {
    const text = 'Comment: from the maintainer\n-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjME\n';
    expect(await readKeyFile(new Blob([text]))).toEqual({ kind: 'armored', text });
  });

  it('sends anything else as base64 of its bytes', async () => {
    const bytes = new Uint8Array([0x99, 0x01, 0x0d, 0x04, 0x00, 0xff]);
    expect(await readKeyFile(new Blob([bytes]))).toEqual({
      kind: 'binary',
      payload: 'base64:mQENBAD/',
      bytes: 6,
    });
  });

  it('refuses a private key before it goes anywhere', async () => {
    const secret = new Blob(['-----BEGIN PGP PRIVATE KEY BLOCK-----\n']);
    await expect(readKeyFile(secret)).rejects.toBeInstanceOf(KeyFileProblem);
  });

  it('refuses a file far larger than any public key', async () => {
    const huge = new Blob([new Uint8Array(MAX_KEY_FILE_BYTES + 1)]);
    await expect(readKeyFile(huge)).rejects.toThrow(/gpg --armor --export/);
  });
});
