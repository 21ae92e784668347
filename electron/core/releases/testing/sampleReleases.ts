import type { ReleaseState, ReleasesOverview } from '../../../../shared/releases';
import { NOTHING_DONE, type StepProgress } from '../nextStep';

export const SAMPLE_AT = '2026-12-02T10:00:00.000Z';

/** Every step of a release done: its tag verified, rebuilt, compared, reviewed, promoted, verified. */
export const EVERY_STEP_DONE: StepProgress = {
  tagVerified: { at: SAMPLE_AT, signer: 'ABCD' },
  rebuilt: { at: SAMPLE_AT, artifacts: 4, reproducible: true },
  compared: { at: SAMPLE_AT, identical: 3, differ: 1, onlyCi: 0, onlyLocal: 0 },
  reviewed: { decided: 1, total: 1 },
  promoted: { at: SAMPLE_AT, to: '/srv/apt-prod' },
  verified: { at: SAMPLE_AT, passed: true },
};

/** A release none of whose steps has happened, optionally a candidate of a final release. */
export const untouchedRelease = (tag: string, candidateOf: string | null = null): ReleaseState => ({
  tag,
  version: null,
  candidateOf,
  taggedAt: SAMPLE_AT,
  ...NOTHING_DONE,
  next: 'tag',
  notice: null,
});

/** The overview of a project called hello holding these releases. */
export const sampleOverview = (...releases: ReleaseState[]): ReleasesOverview => ({
  project: { id: 'hello-3f2a', name: 'hello' },
  releases,
});
