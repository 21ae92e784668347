import { describe, expect, it } from 'vitest';
import {
  repositoryRootProblem,
  repositoryStatus,
  suiteStatus,
  type SuiteVerification,
  VERIFY_KEYRING_TEXT_MAX,
  verifyRepoRequestSchema,
} from './verify';

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

describe("QA's verify:repo request", () => {
  const parse = (request: unknown) => verifyRepoRequestSchema.strict().safeParse(request);

  it('takes nothing (the project defaults), or a URL or folder, a keyring, a suite and a tag', () => {
    expect(parse({}).success).toBe(true);
    expect(
      parse({
        repo: 'https://apt.example.org/prod',
        keyring: { kind: 'armored', text: '-----BEGIN PGP PUBLIC KEY BLOCK-----' },
        suite: 'bookworm',
        tag: 'v1.0.0',
      }).success,
    ).toBe(true);
    expect(
      parse({ repo: '/srv/apt-prod', keyring: { kind: 'file', path: '/k.asc' } }).success,
    ).toBe(true);
  });

  it('refuses a URL that is not http(s), one with credentials, and control characters', () => {
    expect(repositoryRootProblem('file:///srv/apt')).toMatch(/not an http\(s\) one/);
    expect(repositoryRootProblem('https://user:pw@example.org/')).toMatch(/password/);
    expect(repositoryRootProblem('/srv/apt\u0000')).toMatch(/control/);
    expect(parse({ repo: 'ftp://example.org/' }).success).toBe(false);
    expect(parse({ repo: '  ' }).success).toBe(false);
  });

  it('refuses an empty or oversized keyring, a suite that leaves dists/, and unknown fields', () => {
    expect(parse({ keyring: { kind: 'armored', text: ' ' } }).success).toBe(false);
    expect(
      parse({ keyring: { kind: 'armored', text: 'x'.repeat(VERIFY_KEYRING_TEXT_MAX + 1) } })
        .success,
    ).toBe(false);
    expect(parse({ keyring: { kind: 'url', path: 'x' } }).success).toBe(false);
    expect(parse({ suite: '../etc' }).success).toBe(false);
    expect(parse({ suite: 'stable/../x' }).success).toBe(false);
    expect(parse({ secret: 1 }).success).toBe(false);
  });
});
