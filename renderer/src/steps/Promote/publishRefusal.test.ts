import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../../shared/errors';
import { publishRefusalOf } from './publishRefusal';

const error = (code: AppError['code']): AppError => ({ code, message: 'refused' });

describe('publishRefusalOf', () => {
  it('keeps the user on the prompt for a wrong passphrase, and asks for a new plan when it changed', () => {
    expect(publishRefusalOf(error('WRONG_PASSPHRASE'))).toBe('passphrase');
    expect(publishRefusalOf(error('PLAN_CHANGED'))).toBe('replan');
    expect(publishRefusalOf(error('KEY_EXPIRED'))).toBe('other');
  });
});
