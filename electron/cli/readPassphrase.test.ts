import { closeSync, openSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPassphraseFd, readPassphraseFile } from './readPassphrase';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cs-passphrase-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileWith(content: string | Buffer): Promise<string> {
  const path = join(dir, 'passphrase');
  await writeFile(path, content);
  return path;
}

describe('readPassphraseFile', () => {
  it.each([
    ['no line end', 'open sesame', 'open sesame'],
    ['a final newline', 'open sesame\n', 'open sesame'],
    ['a final CRLF', 'open sesame\r\n', 'open sesame'],
    ['two final newlines (only one is stripped)', 'open sesame\n\n', 'open sesame\n'],
    ['spaces, kept', '  open sesame  \n', '  open sesame  '],
  ])('reads a passphrase with %s', async (_what, content, expected) => {
    expect(await readPassphraseFile(await fileWith(content))).toBe(expected);
  });

  it('refuses an empty passphrase', async () => {
    for (const content of ['', '\n', '\r\n']) {
      await expect(readPassphraseFile(await fileWith(content))).rejects.toMatchObject({
        code: 'INVALID_REQUEST',
        hint: expect.stringContaining('first line') as unknown,
      });
    }
  });

  it('refuses a missing file, saying so', async () => {
    await expect(readPassphraseFile(join(dir, 'nope'))).rejects.toMatchObject({
      code: 'PASSPHRASE_UNREADABLE',
      message: expect.stringContaining('does not exist') as unknown,
    });
  });

  it('refuses a folder and text that is not UTF-8', async () => {
    await expect(readPassphraseFile(dir)).rejects.toMatchObject({ code: 'PASSPHRASE_UNREADABLE' });
    await expect(
      readPassphraseFile(await fileWith(Buffer.from([0xff, 0xfe]))),
    ).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
  });
});

describe('readPassphraseFd', () => {
  it('reads an open descriptor to its end and leaves it open', async () => {
    const fd = openSync(await fileWith('open sesame\n'), 'r');
    try {
      expect(await readPassphraseFd(fd)).toBe('open sesame');
      // Still ours to close: closing it again would throw EBADF if it had been closed.
      closeSync(fd);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  });

  it('refuses a descriptor that is not open', async () => {
    await expect(readPassphraseFd(987654)).rejects.toMatchObject({
      code: 'PASSPHRASE_UNREADABLE',
    });
  });
});
