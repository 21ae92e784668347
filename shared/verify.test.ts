import { describe, expect, it } from 'vitest';
import { repositoryStatus, suiteStatus, type SuiteVerification } from './verify';

const suite = (over: Partial<SuiteVerification> = {}): SuiteVerification => ({
  suite: 'stable',
  signatures: [{ file: 'InRelease', status: 'verified', signedBy: ['F'], problem: null }],
  releaseProblems: [],
  indexes: [],
  packages: [],
  status: 'verified',
  ...over,
});

describe('verification verdicts', () => {
  it('fails a suite with a missing signature file or a Release problem', () => {
    expect(suiteStatus(suite())).toBe('verified');
    expect(
      suiteStatus(
        suite({
          signatures: [{ file: 'Release.gpg', status: 'missing', signedBy: [], problem: 'x' }],
        }),
      ),
    ).toBe('failed');
    expect(suiteStatus(suite({ releaseProblems: ['expired'] }))).toBe('failed');
  });

  it('verifies a repository only if every suite does, nothing is extra or unexpected, and there is a suite', () => {
    expect(
      repositoryStatus({ suites: [suite()], extraFiles: [], unexpected: [], attestations: null }),
    ).toBe('verified');
    expect(
      repositoryStatus({ suites: [suite()], extraFiles: null, unexpected: [], attestations: null }),
    ).toBe('verified');
    expect(
      repositoryStatus({ suites: [], extraFiles: [], unexpected: [], attestations: null }),
    ).toBe('failed');
    expect(
      repositoryStatus({
        suites: [suite()],
        extraFiles: ['pool/x'],
        unexpected: [],
        attestations: null,
      }),
    ).toBe('failed');
    expect(
      repositoryStatus({
        suites: [suite({ status: 'failed' })],
        extraFiles: [],
        unexpected: [],
        attestations: null,
      }),
    ).toBe('failed');
  });

  it("fails a repository whose release's attestations do not hold, and passes one without a review", () => {
    const attestations = (status: 'verified' | 'failed') => ({
      tag: 'v1.0.0',
      folder: 'attestations/v1.0.0',
      files: [],
      problems: [],
      status,
    });
    const base = { suites: [suite()], extraFiles: [], unexpected: [] };
    expect(repositoryStatus({ ...base, attestations: attestations('verified') })).toBe('verified');
    expect(repositoryStatus({ ...base, attestations: attestations('failed') })).toBe('failed');
    expect(repositoryStatus({ ...base, attestations: null })).toBe('verified');
  });
});
