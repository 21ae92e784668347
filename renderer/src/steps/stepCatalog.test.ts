import { describe, expect, it } from 'vitest';
import {
  COMPARE_FIRST,
  finishedSteps,
  nextOpenStep,
  NOT_YET_AVAILABLE,
  NOTHING_TO_REVIEW,
  STEPS,
  stepAvailability,
  VERIFY_TAG_FIRST,
  type StepContext,
} from './stepCatalog';

const step = (id: string) => STEPS.find((candidate) => candidate.id === id)!;
const context = (overrides: Partial<StepContext> = {}): StepContext => ({
  tagVerified: false,
  comparison: 'none',
  busy: [],
  ...overrides,
});

describe('stepAvailability', () => {
  it('opens the rebuild, the comparison and the promotion only once the tag is verified; Verify always', () => {
    expect(stepAvailability(step('verify'), context())).toEqual({ available: true });
    for (const id of ['rebuild', 'compare', 'promote']) {
      expect(stepAvailability(step(id), context())).toEqual({
        available: false,
        reason: VERIFY_TAG_FIRST,
      });
      expect(stepAvailability(step(id), context({ tagVerified: true }))).toEqual({
        available: true,
      });
    }
    expect(stepAvailability(step('tag'), context())).toEqual({ available: true });
  });

  it('keeps a step open while its own work runs, even if the tag changed meanwhile', () => {
    expect(stepAvailability(step('compare'), context({ busy: ['compare'] }))).toEqual({
      available: true,
    });
    expect(stepAvailability(step('rebuild'), context({ busy: ['compare'] }))).toEqual({
      available: false,
      reason: VERIFY_TAG_FIRST,
    });
  });

  it('opens the review only when a comparison of the verified tag found differences', () => {
    const review = step('review');
    expect(stepAvailability(review, context({ comparison: 'differs' }))).toEqual({
      available: false,
      reason: VERIFY_TAG_FIRST,
    });
    expect(stepAvailability(review, context({ tagVerified: true }))).toEqual({
      available: false,
      reason: COMPARE_FIRST,
    });
    expect(
      stepAvailability(review, context({ tagVerified: true, comparison: 'identical' })),
    ).toEqual({ available: false, reason: NOTHING_TO_REVIEW });
    expect(stepAvailability(review, context({ tagVerified: true, comparison: 'differs' }))).toEqual(
      {
        available: true,
      },
    );
  });

  it('keeps a step not built yet closed whatever the context', () => {
    const everything = context({ tagVerified: true, comparison: 'differs' });
    const unbuilt = { ...step('verify'), available: false } as unknown as (typeof STEPS)[number];
    expect(stepAvailability(unbuilt, everything)).toEqual({
      available: false,
      reason: NOT_YET_AVAILABLE,
    });
  });
});

describe('finishedSteps', () => {
  const none = {
    tagVerified: null,
    rebuilt: null,
    compared: null,
    reviewed: null,
    promoted: null,
    verified: null,
  };
  const at = '2026-01-01T00:00:00.000Z';

  it('marks what the review folder records, and nothing for a release never touched', () => {
    expect([...finishedSteps(null)]).toEqual([]);
    expect([...finishedSteps(none)]).toEqual([]);
    const done = finishedSteps({
      ...none,
      tagVerified: { at, signer: null },
      rebuilt: { at, artifacts: 2, reproducible: null },
      compared: { at, identical: 1, differ: 1, onlyCi: 0, onlyLocal: 0 },
      reviewed: { decided: 0, total: 1 },
    });
    expect([...done]).toEqual(['tag', 'rebuild', 'compare']);
  });

  it('finishes Review when every difference is decided or nothing differs, Verify only when it passed', () => {
    expect(finishedSteps({ ...none, reviewed: { decided: 0, total: 0 } }).has('review')).toBe(true);
    expect(finishedSteps({ ...none, reviewed: { decided: 1, total: 1 } }).has('review')).toBe(true);
    expect(finishedSteps({ ...none, verified: { at, passed: false } }).has('verify')).toBe(false);
    expect(finishedSteps({ ...none, verified: { at, passed: true } }).has('verify')).toBe(true);
  });
});

describe('nextOpenStep', () => {
  it('offers the next step that opens, passing over Review when nothing differs', () => {
    const verified = context({ tagVerified: true, comparison: 'identical' });
    expect(nextOpenStep('tag', verified)?.id).toBe('rebuild');
    expect(nextOpenStep('compare', verified)?.id).toBe('promote');
    expect(nextOpenStep('compare', context({ tagVerified: true, comparison: 'differs' }))?.id).toBe(
      'review',
    );
    expect(nextOpenStep('verify', verified)).toBeNull();
    expect(nextOpenStep('tag', context())).toBeNull();
  });
});
