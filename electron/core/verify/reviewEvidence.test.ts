import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CI_ONLY_PHRASE } from '../../../shared/artifactCounts';
import { summarise, type ArtifactComparison } from '../../../shared/compare';
import { saveComparison } from '../lib/reviewFolder/compareStore';
import { judgePackage } from './judgePackage';
import { readReviewEvidence } from './reviewEvidence';

const SHA = 'd'.repeat(64);
const TELEMETRY: ArtifactComparison = {
  key: 'deb:countersign-hello-telemetry_1.0.0_all',
  name: 'countersign-hello-telemetry_1.0.0_all.deb',
  status: 'only-ci',
  ci: {
    path: 'pool/main/c/countersign-hello-telemetry/countersign-hello-telemetry_1.0.0_all.deb',
    size: 968,
    sha256: SHA,
    deb: { package: 'countersign-hello-telemetry', version: '1.0.0', architecture: 'all' },
  },
  local: null,
};

let reviewDir: string;
beforeEach(async () => {
  reviewDir = await mkdtemp(join(tmpdir(), 'cs-evidence-'));
});
afterEach(async () => {
  await rm(reviewDir, { recursive: true, force: true });
});

describe('readReviewEvidence', () => {
  it('flags a package apt-prod serves that only CI built, in the words every step uses', async () => {
    await saveComparison(reviewDir, {
      ci: { kind: 'apt', location: '/srv/apt-test', repository: null, skipped: [] },
      local: { kind: 'folder', location: '/rebuild', repository: null, skipped: [] },
      artifacts: [TELEMETRY],
      summary: summarise([TELEMETRY]),
      identical: false,
      comparedAt: '2026-02-01T10:00:00.000Z',
      bytesHashed: 968,
    });
    const evidence = await readReviewEvidence(reviewDir);
    expect(evidence.judged.get(SHA)).toEqual({
      approved: false,
      why: `${CI_ONLY_PHRASE}: nothing vouches for it (countersign-hello-telemetry_1.0.0_all.deb)`,
    });
    const check = judgePackage(
      {
        package: 'countersign-hello-telemetry',
        version: '1.0.0',
        architecture: 'all',
        component: 'main',
        filename: TELEMETRY.ci!.path,
        size: 968,
        sha256: SHA,
        signatureProblem: null,
        listedInMismatched: [],
        found: { size: 968, sha256: SHA },
      },
      evidence,
    );
    expect(check).toMatchObject({ status: 'failed', brokenLink: 'review' });
    expect(check.problem).toContain(CI_ONLY_PHRASE);
  });
});
