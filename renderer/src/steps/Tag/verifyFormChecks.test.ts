import { describe, expect, it } from 'vitest';
import { checkVerifyForm } from './verifyFormChecks';

describe('checkVerifyForm', () => {
  it('accepts a tag alone, or with a full commit in either case', () => {
    expect(checkVerifyForm('v1.0.0', '')).toEqual({});
    expect(checkVerifyForm(' v1.0.0 ', 'ABCDEF0123'.repeat(4))).toEqual({});
  });

  it('asks for a tag when none is given', () => {
    expect(checkVerifyForm('  ', '').tag).toMatch(/Choose a tag/);
  });

  it('refuses names git would read as options or paths', () => {
    expect(checkVerifyForm('--upload-pack=x', '').tag).toBeDefined();
    expect(checkVerifyForm('v1/../../etc', '').tag).toBeDefined();
  });

  it("accepts Debian's DEP-14 tag names and refuses what git refuses", () => {
    expect(checkVerifyForm('debian/1%1.5.2-5.1', '')).toEqual({});
    expect(checkVerifyForm('debian/2.1.0-1', '')).toEqual({});
    expect(checkVerifyForm('v1.0.0~rc1', '').tag).toMatch(/not a tag name git accepts/);
    expect(checkVerifyForm('a^b', '').tag).toMatch(/not a tag name git accepts/);
  });

  it('refuses an abbreviated commit', () => {
    expect(checkVerifyForm('v1.0.0', 'abc1234').commit).toMatch(/full commit SHA/);
  });
});
