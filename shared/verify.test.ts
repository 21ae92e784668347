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
    expect(repositoryStatus({ suites: [suite()], extraFiles: [], unexpected: [] })).toBe(
      'verified',
    );
    expect(repositoryStatus({ suites: [suite()], extraFiles: null, unexpected: [] })).toBe(
      'verified',
    );
    expect(repositoryStatus({ suites: [], extraFiles: [], unexpected: [] })).toBe('failed');
    expect(repositoryStatus({ suites: [suite()], extraFiles: ['pool/x'], unexpected: [] })).toBe(
      'failed',
    );
    expect(
      repositoryStatus({ suites: [suite({ status: 'failed' })], extraFiles: [], unexpected: [] }),
    ).toBe('failed');
  });
});
