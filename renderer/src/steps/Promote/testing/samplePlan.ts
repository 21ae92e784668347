import type {
  PlannedChange,
  PromotionCandidate,
  PromotionPlan,
  PromotionResult,
} from '../../../../../shared/promote';
import type { ReleaseKeyInfo } from '../../../../../shared/signing';

/** A release key as the engine describes it: a primary key that signs through a subkey. */
export function sampleKey(overrides: Partial<ReleaseKeyInfo> = {}): ReleaseKeyInfo {
  return {
    fingerprint: 'A'.repeat(40),
    userIds: ['Countersign Demo Release <release@example.org>'],
    created: '2025-12-01T09:00:00.000Z',
    expires: null,
    protected: true,
    signingKey: {
      fingerprint: 'B'.repeat(40),
      keyId: 'B'.repeat(16),
      algorithm: 'Ed25519',
      created: '2025-12-01T09:00:00.000Z',
      expires: null,
      isSubkey: true,
    },
    ...overrides,
  };
}

/** A package of the release in apt-test that passes the gate. */
export function sampleCandidate(
  name: string,
  overrides: Partial<PromotionCandidate> = {},
): PromotionCandidate {
  return {
    key: `deb:${name}_1.0.0_all`,
    package: name,
    version: '1.0.0',
    architecture: 'all',
    component: 'main',
    filename: `pool/main/c/${name}/${name}_1.0.0_all.deb`,
    size: 2048,
    sha256: 'c'.repeat(64),
    comparison: 'identical',
    verdict: null,
    evidence: 'identical to the rebuild',
    refusals: [],
    selected: true,
    ...overrides,
  };
}

/** The change that adds a package to apt-prod. */
export function sampleChange(name: string, overrides: Partial<PlannedChange> = {}): PlannedChange {
  return {
    action: 'add',
    package: name,
    version: '1.0.0',
    previousVersion: null,
    architecture: 'all',
    component: 'main',
    sha256: 'c'.repeat(64),
    size: 2048,
    poolPath: `pool/main/c/${name}/${name}_1.0.0_all.deb`,
    evidence: 'identical to the rebuild',
    ...overrides,
  };
}

/** A plan that can be published: one package to add, signed by `sampleKey()`. */
export function samplePlan(overrides: Partial<PromotionPlan> = {}): PromotionPlan {
  return {
    tag: 'v1.0.0',
    from: 'apt:/srv/apt-test',
    to: '/srv/apt-prod',
    tagGate: { verified: true, commit: 'd'.repeat(40), signer: 'Dana Maintainer', problem: null },
    signer: sampleKey(),
    signerProblem: null,
    candidates: [sampleCandidate('hello')],
    changes: [sampleChange('hello')],
    kept: [],
    publicationRefusals: [],
    release: null,
    detached: [],
    current: null,
    previous: null,
    canPromote: true,
    blockers: [],
    planDigest: 'e'.repeat(64),
    ...overrides,
  };
}

/** What publishing `samplePlan()` answers. */
export function sampleResult(overrides: Partial<PromotionResult> = {}): PromotionResult {
  return {
    plan: samplePlan(),
    publication: {
      id: '20260201T120000Z',
      publishedAt: '2026-02-01T12:00:00.000Z',
      tag: 'v1.0.0',
      releaseSha256: 'f'.repeat(64),
    },
    previous: null,
    signedBy: 'B'.repeat(40),
    detachedFiles: [],
    attestations: [
      'attestations/v1.0.0/hello_1.0_amd64.deb.intoto.json',
      'attestations/v1.0.0/vsa.intoto.json',
    ],
    ...overrides,
  };
}
