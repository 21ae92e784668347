import { describe, expect, it } from 'vitest';
import { errorKindOf, type ErrorCode } from '../../../../shared/errors';

describe("the signing step's error codes", () => {
  it.each<[ErrorCode, string]>([
    ['INVALID_KEY', 'input'],
    ['NOT_A_PRIVATE_KEY', 'input'],
    ['RELEASE_KEY_MISSING', 'input'],
    ['INVALID_RELEASE_TEXT', 'input'],
    ['INVALID_CHECKSUM_ENTRY', 'input'],
    ['PASSPHRASE_UNREADABLE', 'input'],
    ['KEY_UNPROTECTED', 'refused'],
    ['KEY_CANNOT_SIGN', 'refused'],
    ['KEY_EXPIRED', 'refused'],
    ['KEY_REVOKED', 'refused'],
    ['WEAK_KEY', 'refused'],
    ['WRONG_PASSPHRASE', 'refused'],
    ['RELEASE_KEY_PIN_MISMATCH', 'refused'],
  ])('%s is of kind %s', (code, kind) => {
    expect(errorKindOf(code)).toBe(kind);
  });
});
