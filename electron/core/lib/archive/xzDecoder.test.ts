import { describe, expect, it } from 'vitest';
import { CountersignError } from '../../../../shared/errors';
import { xzDecompress } from './xzDecoder';

/** "countersign reads xz\n" 20 000 times (420 000 bytes), as `xz -6` wrote it. */
const FIXTURE = Buffer.from(
  '/Td6WFoAAATm1rRGAgAhARYAAAB0L+Wj5mifAJhdADGbyxGb82ikLuTpDQi7hiZpm68jEh8opG23BP4PpkK3JOzEtoMh+2gm0TdTqPuUVMVy2618Nb3j1/xkeHjZ2wbnBCkc1nvE2ce1ZwrQRS/pR+2mBhyzL9s4GGhIE5BtGbYBqT3SP9RmJF83ZcM9/azjL3Sq8Xf9vq58MRqft40xbnCepyNf7CjLhdGVmIp+KpHyFvv3IAAAALAMHciWqkXvAAG0AaDRGQAUQ04lscRn+wIAAAAABFla',
  'base64',
);
const EXPECTED = Buffer.from('countersign reads xz\n'.repeat(20_000));

function* inPieces(data: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    return error instanceof CountersignError ? error.code : String(error);
  }
}

describe('xzDecompress', () => {
  it.each([1, 7, 100, 65_536])('decodes xz fed %i bytes at a time', async (size) => {
    expect((await collect(xzDecompress(inPieces(FIXTURE, size)))).equals(EXPECTED)).toBe(true);
  });

  it('decodes concatenated xz streams, as xz itself does', async () => {
    const decoded = await collect(xzDecompress([Buffer.concat([FIXTURE, FIXTURE])]));
    expect(decoded.equals(Buffer.concat([EXPECTED, EXPECTED]))).toBe(true);
  });

  it('refuses xz data cut short', async () => {
    expect(await codeOf(collect(xzDecompress([FIXTURE.subarray(0, FIXTURE.length - 10)])))).toBe(
      'INVALID_ARCHIVE',
    );
    expect(await codeOf(collect(xzDecompress([FIXTURE.subarray(0, 40)])))).toBe('INVALID_ARCHIVE');
  });

  it('refuses damaged xz data', async () => {
    const damaged = Buffer.from(FIXTURE);
    damaged[100] = (damaged[100] ?? 0) ^ 0xff;
    expect(await codeOf(collect(xzDecompress([damaged])))).toBe('INVALID_ARCHIVE');
  });

  it('refuses valid xz it cannot decode (a SHA-256 check) as unsupported, not damaged', async () => {
    const sha256 = Buffer.from(
      '/Td6WFoAAArh+wyhAgAhARYAAAB0L+WjAQAMc2hhMjU2IGNoZWNrCgAAAACF8Ee9GtS5tZcsne+wY0o9MlOxGU8yZrI1FP7wghZHrgABPQ0ogd80GJtLmgEAAAAAClla',
      'base64',
    );
    expect(await codeOf(collect(xzDecompress([sha256])))).toBe('UNSUPPORTED_ARCHIVE');
  });

  it('refuses bytes that are not xz', async () => {
    expect(
      await codeOf(collect(xzDecompress([Buffer.from('not xz at all, not even close')]))),
    ).toBe('INVALID_ARCHIVE');
  });

  it('decodes a second stream while the first is paused part-way (nothing is shared between streams)', async () => {
    const first = xzDecompress(inPieces(FIXTURE, 50));
    const head = await first.next();
    expect(head.done).toBe(false);
    const second = await collect(xzDecompress([FIXTURE]));
    expect(second.equals(EXPECTED)).toBe(true);
    const rest = await collect(first);
    expect(Buffer.concat([head.value as Buffer, rest]).equals(EXPECTED)).toBe(true);
  });
});
