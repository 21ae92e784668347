import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressionOf, decompressIndex } from './decompressIndex';

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

describe('decompressIndex', () => {
  it('tells the compression from the file name', () => {
    expect(['Packages.xz', 'Packages.gz', 'Packages'].map(compressionOf)).toEqual([
      'xz',
      'gz',
      'plain',
    ]);
  });

  it('unpacks gzip, including several concatenated members', async () => {
    const bytes = Buffer.concat([gzipSync('Package: a\n\n'), gzipSync('Package: b\n')]);
    expect(await collect(decompressIndex(bytes, 'gz', 1024, 'Packages.gz'))).toBe(
      'Package: a\n\nPackage: b\n',
    );
  });

  it('passes a plain index through', async () => {
    expect(
      await collect(decompressIndex(Buffer.from('Package: a\n'), 'plain', 1024, 'Packages')),
    ).toBe('Package: a\n');
  });

  it('stops a decompression bomb at the cap', async () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const unpacking = collect(decompressIndex(bomb, 'gz', 1024 * 1024, 'Packages.gz'));
    await expect(unpacking).rejects.toMatchObject({ code: 'INVALID_REPOSITORY' });
    await expect(unpacking).rejects.toThrow(/unpacks to more than 1 MiB/);
  });

  it.each(['gz', 'xz'] as const)('refuses bytes that are not %s', async (compression) => {
    await expect(
      collect(decompressIndex(Buffer.from('not compressed at all'), compression, 1024, 'Packages')),
    ).rejects.toMatchObject({ code: 'INVALID_REPOSITORY' });
  });
});
