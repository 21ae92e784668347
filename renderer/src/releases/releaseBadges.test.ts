import { describe, expect, it } from 'vitest';
import { releaseBadges } from './releaseBadges';
import { FINISHED_RELEASE, SAMPLE_AT as AT, untouchedRelease } from './testing/sampleReleases';

const untouched = untouchedRelease('v1.0.0');

describe('releaseBadges', () => {
  it('says of each step of an untouched release that it is not done', () => {
    expect(releaseBadges(untouched).map(({ step, label, tone }) => [step, label, tone])).toEqual([
      ['tag', 'Not verified', 'pending'],
      ['rebuild', 'Not rebuilt', 'pending'],
      ['compare', 'Not compared', 'pending'],
      ['review', 'Not reviewed', 'pending'],
      ['promote', 'Not promoted', 'pending'],
      ['verify', 'Not verified', 'pending'],
    ]);
  });

  it('says what each done step found, with the date', () => {
    const badges = releaseBadges({
      ...FINISHED_RELEASE,
      rebuilt: { at: AT, artifacts: 4, reproducible: true },
      compared: { at: AT, identical: 3, differ: 1, onlyCi: 1, onlyLocal: 0 },
    });
    expect(badges.map(({ label }) => label)).toEqual([
      'Verified',
      'Reproducible',
      '3 identical, 1 differs, ⚠ 1 only in CI',
      '1 of 1 decided',
      'Promoted 2026-12-02',
      'Verified 2026-12-02',
    ]);
    // A package only CI built is the warning: its badge is a problem, every other one done.
    expect(badges.map(({ tone }) => tone)).toEqual([
      'done',
      'done',
      'problem',
      'done',
      'done',
      'done',
    ]);
    expect(badges[4]?.detail).toBe('Promoted 2026-12-02 10:00:00 UTC to /srv/apt-prod');
  });

  it('marks a build that is not reproducible and a failed verification as problems, in words too', () => {
    const badges = releaseBadges({
      ...untouched,
      rebuilt: { at: AT, artifacts: 2, reproducible: false },
      verified: { at: AT, passed: false },
    });
    expect(badges[1]).toMatchObject({ label: 'Not reproducible', tone: 'problem' });
    expect(badges[5]).toMatchObject({ label: 'Failed 2026-12-02', tone: 'problem' });
  });

  it('has nothing to review after an identical comparison, and counts open decisions otherwise', () => {
    expect(releaseBadges({ ...untouched, reviewed: { decided: 0, total: 0 } })[3]).toMatchObject({
      label: 'Nothing to review',
      tone: 'done',
    });
    expect(releaseBadges({ ...untouched, reviewed: { decided: 1, total: 3 } })[3]).toMatchObject({
      label: '1 of 3 decided',
      tone: 'pending',
    });
  });
});
