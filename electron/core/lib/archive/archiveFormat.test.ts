import { describe, expect, it } from 'vitest';
import { CountersignError } from '../../../../shared/errors';
import { detectArchiveFormat } from './archiveFormat';
import { tarArchive, tarHeaderBlock } from './testing/tarTestFixtures';

function head(bytes: number[]): Buffer {
  return Buffer.concat([Buffer.from(bytes), Buffer.alloc(600, 0x41)]);
}

function codeOf(action: () => unknown): string | null {
  try {
    action();
    return null;
  } catch (error) {
    return error instanceof CountersignError ? error.code : String(error);
  }
}

describe('detectArchiveFormat', () => {
  it('tells formats by their first bytes', () => {
    expect(detectArchiveFormat(head([0x50, 0x4b, 0x03, 0x04]))).toBe('zip');
    expect(detectArchiveFormat(head([0x50, 0x4b, 0x05, 0x06]))).toBe('zip');
    expect(detectArchiveFormat(head([0x1f, 0x8b]))).toBe('gzip');
    expect(detectArchiveFormat(head([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))).toBe('xz');
    expect(detectArchiveFormat(tarArchive([{ name: 'a', data: 'x' }]))).toBe('tar');
  });

  it('recognises an old-style tar without the ustar magic by its checksum', () => {
    expect(detectArchiveFormat(tarHeaderBlock({ name: 'a', magic: 'v7' }))).toBe('tar');
  });

  it('takes an all-zero tar for an empty tar archive', () => {
    expect(detectArchiveFormat(Buffer.alloc(10_240))).toBe('tar');
  });

  it('refuses zstd as unsupported, with a hint', () => {
    try {
      detectArchiveFormat(head([0x28, 0xb5, 0x2f, 0xfd]));
      expect.unreachable();
    } catch (error) {
      expect((error as CountersignError).code).toBe('UNSUPPORTED_ARCHIVE');
      expect((error as CountersignError).hint).toMatch(/zstd -d/);
    }
  });

  it('refuses bzip2, split zips and unknown bytes as unsupported', () => {
    expect(codeOf(() => detectArchiveFormat(head([0x42, 0x5a, 0x68])))).toBe('UNSUPPORTED_ARCHIVE');
    expect(codeOf(() => detectArchiveFormat(head([0x50, 0x4b, 0x07, 0x08])))).toBe(
      'UNSUPPORTED_ARCHIVE',
    );
    expect(codeOf(() => detectArchiveFormat(Buffer.from('hello world')))).toBe(
      'UNSUPPORTED_ARCHIVE',
    );
  });

  it('refuses an empty file as damaged', () => {
    expect(codeOf(() => detectArchiveFormat(Buffer.alloc(0)))).toBe('INVALID_ARCHIVE');
  });
});
