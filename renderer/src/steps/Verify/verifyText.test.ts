import { describe, expect, it } from 'vitest';
import { samplePackage, sampleSuite, sampleVerification } from './testing/sampleVerification';
import { chainSummary, headState, verdictSummary } from './verifyText';

describe('verdictSummary', () => {
  it('says every link holds when apt-prod verifies', () => {
    expect(verdictSummary(sampleVerification())).toBe(
      'Every link holds for 1 package in 1 suite, from the release key to the review, and its attestations verify.',
    );
    expect(verdictSummary(sampleVerification({ attestations: null }))).toBe(
      'Every link holds for 1 package in 1 suite, from the release key to the review.',
    );
  });

  it("says when the release's attestations do not hold", () => {
    const base = sampleVerification();
    const result = sampleVerification({
      status: 'failed',
      attestations: { ...base.attestations!, problems: ['x was promoted, but…'], status: 'failed' },
    });
    expect(verdictSummary(result)).toBe(
      "apt-prod does not verify: the release's attestations do not hold. Do not announce this release.",
    );
  });

  it('counts the failed packages and the files nobody listed', () => {
    const failed = samplePackage({
      status: 'failed',
      brokenLink: 'index',
      problem: 'Size differs',
    });
    const result = sampleVerification({
      status: 'failed',
      suites: [sampleSuite({ status: 'failed', packages: [samplePackage(), failed] })],
      extraFiles: ['pool/main/x.deb'],
    });
    expect(verdictSummary(result)).toBe(
      'apt-prod does not verify: 1 package of 2 failed; 1 file nobody listed. Do not announce this release.',
    );
  });

  it('says when nothing is published', () => {
    expect(verdictSummary(sampleVerification({ suites: [], status: 'failed' }))).toContain(
      'nothing is published',
    );
  });
});

describe('chainSummary', () => {
  it('names the line, the kind and the reason of a break', () => {
    expect(
      chainSummary({
        intact: false,
        entries: 3,
        brokenAtLine: 4,
        kind: 'edited',
        reason: 'line 4 does not follow line 3',
      }),
    ).toBe(
      'Broken at line 4 (edited): line 4 does not follow line 3. Only the 3 entries before it can be trusted.',
    );
  });

  it('counts the entries of an intact chain', () => {
    expect(chainSummary({ intact: true, entries: 1, head: 'a'.repeat(64) })).toContain('1 entry');
  });
});

describe('headState', () => {
  it('tells a verified head from a refused or missing one', () => {
    expect(headState(null)).toBe('unsigned');
    expect(
      headState({ verified: false, signedAt: null, signedBy: [], appendedAfter: 0, problem: 'x' }),
    ).toBe('failed');
  });
});
