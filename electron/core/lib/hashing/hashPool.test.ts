import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashFiles } from './hashPool';

let dir: string;
const contents = ['', 'a', 'x'.repeat(3 << 20), 'hello\n'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cs-hash-'));
  await Promise.all(contents.map((text, index) => writeFile(join(dir, `f${index}`), text)));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('hashFiles', () => {
  it('hashes every file on several threads and answers in the order asked', async () => {
    let bytes = 0;
    const paths = contents.map((_, index) => join(dir, `f${index}`)).reverse();
    const digests = await hashFiles(paths, { threads: 2, onBytes: (n) => (bytes += n) });
    expect(digests.map((digest) => digest.sha256)).toEqual([...contents].reverse().map(sha));
    expect(digests.map((digest) => digest.size)).toEqual(
      [...contents].reverse().map((text) => text.length),
    );
    expect(bytes).toBe(contents.reduce((sum, text) => sum + text.length, 0));
  });

  it('says which file it cannot read', async () => {
    await expect(hashFiles([join(dir, 'missing')])).rejects.toMatchObject({
      code: 'SOURCE_UNREADABLE',
      message: expect.stringContaining('missing') as string,
    });
  });

  it('refuses a folder given as a file', async () => {
    await expect(hashFiles([dir])).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE' });
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(hashFiles([join(dir, 'f1')], { signal: controller.signal })).rejects.toMatchObject(
      { code: 'CANCELLED' },
    );
  });
});
