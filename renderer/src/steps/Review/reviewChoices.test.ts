import { describe, expect, it } from 'vitest';
import type { ReviewSummary } from '../../../../shared/review';
import { listedArtifacts, pickArtifactKey } from './reviewChoices';
import { timeLimitProblem } from './reportTimeLimit';

const summary: ReviewSummary = {
  tag: 'v1.0.0',
  artifacts: [
    { key: 'deb:a', name: 'a.deb', verdict: 'approved' },
    { key: 'deb:b', name: 'b.deb', verdict: 'unreviewed' },
    { key: 'deb:c', name: 'c.deb', verdict: 'awaiting-report' },
  ],
  approved: false,
};

describe('choosing the artifact to review', () => {
  it('opens the chosen artifact, else the first one not approved yet', () => {
    expect(pickArtifactKey(summary, 'deb:c')).toBe('deb:c');
    expect(pickArtifactKey(summary, null)).toBe('deb:b');
    expect(pickArtifactKey({ ...summary, artifacts: [summary.artifacts[0]!] }, null)).toBe('deb:a');
    expect(pickArtifactKey(null, null)).toBeNull();
  });

  it('bounds the list but always includes the selected artifact', () => {
    expect(listedArtifacts(summary.artifacts, 'deb:c', 1).map((artifact) => artifact.key)).toEqual([
      'deb:a',
      'deb:c',
    ]);
    expect(listedArtifacts(summary.artifacts, 'deb:a', 1)).toHaveLength(1);
  });

  it('takes a time limit for diffoscope in whole seconds within the contract’s bounds', () => {
    expect(timeLimitProblem('600')).toBeUndefined();
    expect(timeLimitProblem(' 1200 ')).toBeUndefined();
    expect(timeLimitProblem('')).toMatch(/whole number/);
    expect(timeLimitProblem('1.5')).toMatch(/whole number/);
    expect(timeLimitProblem('5')).toMatch(/between 10 and 86400/);
    expect(timeLimitProblem('100000')).toMatch(/between/);
  });
});
