import { describe, expect, it } from 'vitest';
import { NOTHING_DONE, nextStep } from './nextStep';
import { EVERY_STEP_DONE as DONE, SAMPLE_AT as AT } from './testing/sampleReleases';

describe('nextStep', () => {
  it('answers the tag for a release never touched', () => {
    expect(nextStep(NOTHING_DONE)).toBe('tag');
  });

  it('answers the first step not done, in the order of the six steps', () => {
    expect(nextStep({ ...DONE, rebuilt: null, compared: null })).toBe('rebuild');
    expect(nextStep({ ...DONE, compared: null })).toBe('compare');
    expect(nextStep({ ...DONE, reviewed: { decided: 0, total: 1 } })).toBe('review');
    expect(nextStep({ ...DONE, reviewed: null })).toBe('review');
    expect(nextStep({ ...DONE, promoted: null, verified: null })).toBe('promote');
    expect(nextStep({ ...DONE, verified: null })).toBe('verify');
  });

  it('needs no review decisions after an identical comparison', () => {
    expect(nextStep({ ...DONE, reviewed: { decided: 0, total: 0 }, promoted: null })).toBe(
      'promote',
    );
  });

  it('counts a rebuild that was not reproducible as done', () => {
    expect(nextStep({ ...DONE, rebuilt: { at: AT, artifacts: 3, reproducible: false } })).toBe(
      null,
    );
  });

  it('sends a release whose verification failed back to verify', () => {
    expect(nextStep({ ...DONE, verified: { at: AT, passed: false } })).toBe('verify');
  });

  it('answers null when every step is done', () => {
    expect(nextStep(DONE)).toBeNull();
  });
});
