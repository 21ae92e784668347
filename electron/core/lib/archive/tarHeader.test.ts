import { describe, expect, it } from 'vitest';
import { CountersignError } from '../../../../shared/errors';
import { looksLikeTarHeader, parseTarHeader, parseTarNumber } from './tarHeader';
import { tarHeaderBlock } from './testing/tarTestFixtures';

describe('parseTarHeader', () => {
  it('reads name, size, type and link of a ustar header', () => {
    const header = parseTarHeader(tarHeaderBlock({ name: 'a/link', type: '2', linkName: '../b' }));
    expect(header).toMatchObject({
      name: 'a/link',
      typeFlag: '2',
      linkName: '../b',
      size: 0,
      magic: 'ustar',
    });
  });

  it('joins the ustar prefix and name with a slash', () => {
    const header = parseTarHeader(tarHeaderBlock({ name: 'file', prefix: 'deep/dir', data: 'x' }));
    expect(header.name).toBe('deep/dir/file');
    expect(header.size).toBe(1);
  });

  it('ignores the prefix area of a GNU header, where GNU tar keeps times', () => {
    const header = parseTarHeader(tarHeaderBlock({ name: 'file', prefix: 'junk', magic: 'gnu' }));
    expect(header.name).toBe('file');
    expect(header.magic).toBe('gnu');
  });

  it('refuses a header whose checksum is wrong', () => {
    const block = tarHeaderBlock({ name: 'file', checksum: 1234 });
    expect(() => parseTarHeader(block)).toThrowError(CountersignError);
    try {
      parseTarHeader(block);
    } catch (error) {
      expect((error as CountersignError).code).toBe('INVALID_ARCHIVE');
      expect((error as Error).message).toMatch(/checksum/);
    }
  });

  it('refuses a header damaged after it was written', () => {
    const block = tarHeaderBlock({ name: 'file', data: 'abc' });
    block[5] = 0x41;
    expect(() => parseTarHeader(block)).toThrowError(/checksum/);
  });

  it('refuses a header cut short', () => {
    expect(() => parseTarHeader(tarHeaderBlock({ name: 'file' }).subarray(0, 300))).toThrowError(
      /truncated/,
    );
  });
});

describe('parseTarNumber', () => {
  it('reads octal padded with spaces and NULs', () => {
    expect(parseTarNumber(Buffer.from(' 0000644 \0'), 0, 10, 'mode')).toBe(0o644);
  });

  it("reads GNU's base-256 form for sizes over 8 GiB", () => {
    const field = Buffer.alloc(12);
    field[0] = 0x80;
    field.writeUIntBE(10 * 1024 ** 3, 6, 6);
    expect(parseTarNumber(field, 0, 12, 'size')).toBe(10 * 1024 ** 3);
  });

  it('refuses a field that is not octal', () => {
    expect(() => parseTarNumber(Buffer.from('12x4\0'), 0, 5, 'size')).toThrowError(/octal/);
  });

  it('refuses a negative base-256 size', () => {
    expect(() => parseTarNumber(Buffer.alloc(12, 0xff), 0, 12, 'size')).toThrowError(/negative/);
  });
});

describe('looksLikeTarHeader', () => {
  it('recognises a ustar header and an old-style header with a valid checksum', () => {
    expect(looksLikeTarHeader(tarHeaderBlock({ name: 'a' }))).toBe(true);
    expect(looksLikeTarHeader(tarHeaderBlock({ name: 'a', magic: 'v7' }))).toBe(true);
  });

  it('does not take arbitrary bytes for a tar header', () => {
    expect(looksLikeTarHeader(Buffer.alloc(512, 0x41))).toBe(false);
    expect(looksLikeTarHeader(tarHeaderBlock({ name: 'a', magic: 'v7', checksum: 7 }))).toBe(false);
  });
});
