import type { ReleaseState, ReleasesOverview } from '../../../../shared/releases';

// The renderer's copy of the engine's sample (electron/core/releases/testing/):
// the renderer never imports the engine, not even in tests.

export const SAMPLE_AT = '2026-12-02T10:00:00.000Z';

/** A release none of whose steps has happened, optionally a candidate of a final release. */
export const untouchedRelease = (tag: string, candidateOf: string | null = null): ReleaseState => ({
  tag,
  version: null,
  candidateOf,
  taggedAt: SAMPLE_AT,
  tagVerified: null,
  rebuilt: null,
  compared: null,
  reviewed: null,
  promoted: null,
  verified: null,
  next: 'tag',
  notice: null,
});

/** A release with every step done: its build not reproducible, one differing artifact decided. */
export const FINISHED_RELEASE: ReleaseState = {
  ...untouchedRelease('v1.0.0'),
  tagVerified: { at: SAMPLE_AT, signer: 'ABCD' },
  rebuilt: { at: SAMPLE_AT, artifacts: 4, reproducible: false },
  compared: { at: SAMPLE_AT, identical: 3, differ: 1, onlyCi: 0, onlyLocal: 0 },
  reviewed: { decided: 1, total: 1 },
  promoted: { at: SAMPLE_AT, to: '/srv/apt-prod' },
  verified: { at: SAMPLE_AT, passed: true },
  next: null,
};

/** The overview of a project called hello holding these releases. */
export const sampleOverview = (...releases: ReleaseState[]): ReleasesOverview => ({
  project: { id: 'hello-3f2a', name: 'hello' },
  releases,
});
