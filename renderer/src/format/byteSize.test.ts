import { describe, expect, it } from 'vitest';
import { formatByteSize } from './byteSize';

describe('formatByteSize', () => {
  it('gives exact bytes below a kibibyte and one decimal above', () => {
    expect(formatByteSize(812)).toBe('812 bytes');
    expect(formatByteSize(4300)).toBe('4.2 KiB');
    expect(formatByteSize(5 * 1024 * 1024)).toBe('5.0 MiB');
  });
});
