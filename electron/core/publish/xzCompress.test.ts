import { afterEach, describe, expect, it } from 'vitest';
import { decompressIndex } from '../lib/apt/decompressIndex';
import { collectChunks } from './testing/collectChunks';
import { xzCompress } from './xzCompress';

const path = process.env.PATH;

afterEach(() => {
  process.env.PATH = path;
});

describe('xzCompress', () => {
  it('makes xz that the apt reader unpacks to the same text', async () => {
    const text = 'Package: hello\n'.repeat(1000);
    const packed = await xzCompress(Buffer.from(text));
    expect(packed.length).toBeLessThan(text.length / 10);
    expect(await collectChunks(decompressIndex(packed, 'xz', 1 << 20, 'Packages.xz'))).toBe(text);
  });

  it('says which package to install when xz is missing', async () => {
    process.env.PATH = '/nonexistent';
    await expect(xzCompress(Buffer.from('x'))).rejects.toMatchObject({
      code: 'TOOL_MISSING',
      hint: 'apt-get install xz-utils',
    });
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(xzCompress(Buffer.from('x'), controller.signal)).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});
