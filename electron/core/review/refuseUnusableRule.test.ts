import { describe, expect, it } from 'vitest';
import { refuseUnusableRule } from './refuseUnusableRule';

describe('refuseUnusableRule', () => {
  it('refuses a path pattern that is not one, with the reason and how patterns are written', () => {
    expect(() => refuseUnusableRule({ by: 'path', pattern: '[[[' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_REQUEST',
        message: expect.stringMatching(/^"\[\[\[" is not a path pattern: .*"\[\[\]"/) as string,
        hint: expect.stringContaining('usr/share/doc/**') as string,
      }),
    );
  });

  it('lets a usable rule through', () => {
    expect(() => refuseUnusableRule({ by: 'path', pattern: 'usr/share/doc/**' })).not.toThrow();
    expect(() => refuseUnusableRule({ by: 'comment', contains: 'Timestamp' })).not.toThrow();
  });
});
