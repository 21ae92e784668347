import { describe, expect, it } from 'vitest';
import { CountersignError } from './errors';
import { validateRequest } from './validate';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof CountersignError ? error.code : 'not a CountersignError';
  }
  return undefined;
}

describe('validateRequest', () => {
  it('accepts a well-formed request for a known channel', () => {
    expect(validateRequest('tags:verify', { tag: 'v1.0.0' })).toEqual({
      channel: 'tags:verify',
      request: { tag: 'v1.0.0' },
    });
  });

  it('refuses a channel outside the contract', () => {
    expect(codeOf(() => validateRequest('fs:read', {}))).toBe('UNKNOWN_CHANNEL');
    expect(codeOf(() => validateRequest('__proto__', {}))).toBe('UNKNOWN_CHANNEL');
    expect(codeOf(() => validateRequest('toString', {}))).toBe('UNKNOWN_CHANNEL');
  });

  it('refuses tag names git would read as options or path escapes', () => {
    for (const tag of ['--upload-pack=x', '-v', '../../etc', 'a..b', 'x.lock', '', 'a b', 'v1\n']) {
      expect(
        codeOf(() => validateRequest('tags:verify', { tag })),
        JSON.stringify(tag),
      ).toBe('INVALID_REQUEST');
    }
  });

  it('refuses unknown fields rather than ignoring them', () => {
    expect(codeOf(() => validateRequest('tags:verify', { tag: 'v1', repo: '/etc' }))).toBe(
      'INVALID_REQUEST',
    );
  });

  it('refuses an expected commit that is not a full SHA', () => {
    expect(codeOf(() => validateRequest('tags:verify', { tag: 'v1', expectCommit: 'HEAD' }))).toBe(
      'INVALID_REQUEST',
    );
  });

  it('refuses a fingerprint that is not full upper-case hex', () => {
    expect(codeOf(() => validateRequest('signers:remove', { fingerprint: 'ABCD' }))).toBe(
      'INVALID_REQUEST',
    );
  });
});
