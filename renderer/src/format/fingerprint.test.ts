import { describe, expect, it } from 'vitest';
import { groupFingerprint } from './fingerprint';

describe('groupFingerprint', () => {
  it('groups a v4 fingerprint in ten fours, upper-case, ignoring spaces', () => {
    expect(groupFingerprint('bd72 8cb86fad90b7e9caf27a33fbfb2c8d292804')).toEqual([
      'BD72',
      '8CB8',
      '6FAD',
      '90B7',
      'E9CA',
      'F27A',
      '33FB',
      'FB2C',
      '8D29',
      '2804',
    ]);
  });

  it('groups a v6 fingerprint in sixteen', () => {
    expect(groupFingerprint('A'.repeat(64))).toHaveLength(16);
  });
});
