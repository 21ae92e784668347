import type { AuditHistoryView } from '../../../../../shared/audit';
import type {
  PackageCheck,
  RepositoryVerification,
  SuiteVerification,
} from '../../../../../shared/verify';

/** A package whose whole chain holds, with overrides for the case under test. */
export function samplePackage(overrides: Partial<PackageCheck> = {}): PackageCheck {
  return {
    package: 'countersign-hello',
    version: '1.0.0',
    architecture: 'all',
    component: 'main',
    filename: 'pool/main/c/countersign-hello/countersign-hello_1.0.0_all.deb',
    size: 1234,
    sha256: 'a'.repeat(64),
    status: 'verified',
    brokenLink: null,
    problem: null,
    tag: 'v1.0.0',
    ...overrides,
  };
}

/** A suite signed both ways, one index, the given packages. */
export function sampleSuite(overrides: Partial<SuiteVerification> = {}): SuiteVerification {
  return {
    suite: 'stable',
    signatures: [
      { file: 'InRelease', status: 'verified', signedBy: ['B'.repeat(40)], problem: null },
      { file: 'Release.gpg', status: 'verified', signedBy: ['B'.repeat(40)], problem: null },
    ],
    releaseProblems: [],
    indexes: [
      {
        path: 'main/binary-all/Packages',
        size: 512,
        sha256: 'c'.repeat(64),
        status: 'verified',
        problem: null,
      },
    ],
    packages: [samplePackage()],
    status: 'verified',
    ...overrides,
  };
}

/** apt-prod as a verification found it: everything verified unless overridden. */
export function sampleVerification(
  overrides: Partial<RepositoryVerification> = {},
): RepositoryVerification {
  return {
    root: '/home/qa/.countersign/apt-prod/demo',
    keys: ['B'.repeat(40)],
    reviewDir: '/home/qa/.countersign/reviews/demo/v1.0.0',
    suites: [sampleSuite()],
    extraFiles: [],
    unexpected: [],
    rebuilds: null,
    attestations: {
      tag: 'v1.0.0',
      folder: 'attestations/v1.0.0',
      files: [
        {
          file: 'attestations/v1.0.0/vsa.intoto.json',
          status: 'verified',
          subjects: [{ name: 'hello_1.0.0_all.deb', sha256: 'a'.repeat(64) }],
          problem: null,
        },
        {
          file: 'attestations/v1.0.0/hello_1.0.0_all.deb.intoto.json',
          status: 'verified',
          subjects: [{ name: 'hello_1.0.0_all.deb', sha256: 'a'.repeat(64) }],
          problem: null,
        },
      ],
      problems: [],
      status: 'verified',
    },
    status: 'verified',
    checkedAt: '2026-02-01T12:00:00.000Z',
    ...overrides,
  };
}

/** A release's history: tag verified, promoted, verified by QA after the signed head. */
export function sampleHistory(overrides: Partial<AuditHistoryView> = {}): AuditHistoryView {
  const item = (seq: number, kind: string, summary: string) => ({
    line: seq + 1,
    seq,
    at: `2026-02-01T12:0${seq}:00.000Z`,
    actor: 'alice',
    kind,
    summary,
    trusted: true,
  });
  return {
    items: [
      item(0, 'tag-verified', 'Tag v1.0.0 verified'),
      item(1, 'promotion', 'Published 2 packages to apt-prod'),
      item(2, 'verification', 'apt-prod verified: 2 packages'),
    ],
    chain: { intact: true, entries: 3, head: 'd'.repeat(64) },
    head: {
      verified: true,
      signedAt: '2026-02-01T12:01:00.000Z',
      signedBy: ['B'.repeat(40)],
      appendedAfter: 1,
      problem: null,
    },
    ...overrides,
  };
}
