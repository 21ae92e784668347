import { describe, expect, it } from 'vitest';
import { tagVersion } from './tagVersion';

describe('tagVersion', () => {
  it('reads a final release tag as its version, with no candidate', () => {
    expect(tagVersion('v1.0.0')).toEqual({ version: '1.0.0', candidateOf: null });
    expect(tagVersion('1.2')).toEqual({ version: '1.2', candidateOf: null });
    expect(tagVersion('release-2.0.1')).toEqual({ version: '2.0.1', candidateOf: null });
  });

  it('groups a semantic-version release candidate under its final release', () => {
    expect(tagVersion('v1.0.0-rc1')).toEqual({ version: '1.0.0-rc1', candidateOf: 'v1.0.0' });
    expect(tagVersion('v1.0.0-rc.2').candidateOf).toBe('v1.0.0');
    expect(tagVersion('2.0-beta2').candidateOf).toBe('2.0');
    expect(tagVersion('v3.1.0-alpha').candidateOf).toBe('v3.1.0');
  });

  it("reads DEP-14 tags as Debian versions, a ~rc under the final with the candidate's revision", () => {
    expect(tagVersion('debian/1.0.0_rc1-1')).toEqual({
      version: '1.0.0~rc1-1',
      candidateOf: 'debian/1.0.0-1',
    });
    expect(tagVersion('debian/1.0.0-1')).toEqual({ version: '1.0.0-1', candidateOf: null });
    expect(tagVersion('debian/1%2.0_rc2-3')).toEqual({
      version: '1:2.0~rc2-3',
      candidateOf: 'debian/1%2.0-3',
    });
  });

  it('does not take a Debian revision or another suffix for a candidate', () => {
    expect(tagVersion('v1.0.0-untrusted')).toEqual({
      version: '1.0.0-untrusted',
      candidateOf: null,
    });
    expect(tagVersion('debian/2.1.0-1').candidateOf).toBeNull();
  });

  it('answers no version for a tag that names none', () => {
    expect(tagVersion('latest')).toEqual({ version: null, candidateOf: null });
    expect(tagVersion('python3-1.0').version).toBe('1.0');
  });
});
