import { describe, expect, it } from 'vitest';
import { describeProgress } from './progressText';

describe('describeProgress', () => {
  it('reads bytes hashed as sizes, and other units as counts', () => {
    expect(describeProgress({ done: 1536, total: 3 * 1024 * 1024, unit: 'bytes' })).toBe(
      '1.5 KiB of 3.0 MiB hashed',
    );
    expect(describeProgress({ done: 2, total: 5, unit: 'files' })).toBe('2 of 5 files');
  });
});
