import { describe, expect, it } from 'vitest';
import { NOT_YET_AVAILABLE, STEPS, stepAvailability, VERIFY_TAG_FIRST } from './stepCatalog';

const step = (id: string) => STEPS.find((candidate) => candidate.id === id)!;

describe('stepAvailability', () => {
  it('opens the rebuild only once the tag is verified', () => {
    expect(stepAvailability(step('rebuild'), false)).toEqual({
      available: false,
      reason: VERIFY_TAG_FIRST,
    });
    expect(stepAvailability(step('rebuild'), true)).toEqual({ available: true });
  });

  it('keeps the steps not built yet closed whatever the tag', () => {
    expect(stepAvailability(step('compare'), true)).toEqual({
      available: false,
      reason: NOT_YET_AVAILABLE,
    });
    expect(stepAvailability(step('tag'), false)).toEqual({ available: true });
  });
});
