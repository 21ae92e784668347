import { describe, expect, it } from 'vitest';
import {
  COMPARE_FIRST,
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
  it('opens the rebuild, the comparison, the promotion and the verification only once the tag is verified', () => {
    for (const id of ['rebuild', 'compare', 'promote', 'verify']) {
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
