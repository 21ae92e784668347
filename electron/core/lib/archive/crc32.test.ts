import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';

describe('crc32', () => {
  it.each([
    ['', 0x00000000],
    ['a', 0xe8b7be43],
    ['abc', 0x352441c2],
    ['123456789', 0xcbf43926],
    ['The quick brown fox jumps over the lazy dog', 0x414fa339],
  ])('gives the known CRC-32 of %j', (text, expected) => {
    expect(crc32(Buffer.from(text))).toBe(expected);
  });

  it('gives the same result fed in chunks of any size as in one piece', () => {
    const data = Buffer.from(Array.from({ length: 10_007 }, (_, i) => (i * 31 + 7) & 0xff));
    const whole = crc32(data);
    for (const size of [1, 3, 8, 13, 4096]) {
      let crc = 0;
      for (let at = 0; at < data.length; at += size) crc = crc32(data.subarray(at, at + size), crc);
      expect(crc).toBe(whole);
    }
  });

  it('agrees with the CRC-32 zlib writes into a gzip trailer', () => {
    const data = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919) & 0xff));
    const gzip = gzipSync(data);
    expect(crc32(data)).toBe(gzip.readUInt32LE(gzip.length - 8));
  });
});
