import { describe, expect, it } from 'vitest';
import { DOWNGRADE_REFUSAL, offersDowngrade } from './downgradeChoice';
import { sampleChange, samplePlan } from './testing/samplePlan';

describe('offersDowngrade', () => {
  const older = {
    package: 'hello',
    version: '0.9.0',
    architecture: 'all',
    code: DOWNGRADE_REFUSAL,
    message: 'apt-prod serves hello 1.0.0, newer than 0.9.0.',
  };

  it('is offered only when a downgrade is refused, or is already allowed', () => {
    expect(offersDowngrade(samplePlan(), false)).toBe(false);
    expect(offersDowngrade(samplePlan({ publicationRefusals: [older] }), false)).toBe(true);
    expect(
      offersDowngrade(
        samplePlan({ publicationRefusals: [{ ...older, code: 'POOL_CONFLICT' }] }),
        false,
      ),
    ).toBe(false);
    expect(offersDowngrade(samplePlan(), true)).toBe(true);
    expect(
      offersDowngrade(
        samplePlan({
          changes: [sampleChange('hello', { action: 'downgrade', previousVersion: '1.0.0' })],
        }),
        false,
      ),
    ).toBe(true);
  });
});
