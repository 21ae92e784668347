import { describe, expect, it } from 'vitest';
import { NOTHING_LEFT, publishReadiness, type ReadinessFacts } from './publishReadiness';
import { samplePlan } from './testing/samplePlan';

describe('publishReadiness', () => {
  const ready: ReadinessFacts = {
    plan: samplePlan(),
    planCurrent: true,
    planning: false,
    busy: false,
  };

  it('is ready only for a current plan that the engine says can be promoted', () => {
    expect(publishReadiness(ready)).toEqual({ ready: true });
  });

  it('gives the first reason that applies', () => {
    const reason = (facts: Partial<ReadinessFacts>) => {
      const readiness = publishReadiness({ ...ready, ...facts });
      return readiness.ready ? null : readiness.reason;
    };
    expect(reason({ plan: null })).toBe('Waiting for the plan.');
    expect(reason({ busy: true, planCurrent: false })).toMatch(/^Busy/);
    expect(reason({ planning: true, planCurrent: false })).toMatch(/being made again/);
    expect(reason({ planCurrent: false })).toMatch(/another choice/);
    expect(reason({ plan: samplePlan({ signer: null, canPromote: false }) })).toBe(
      'Import the release key first.',
    );
    expect(
      reason({ plan: samplePlan({ canPromote: false, blockers: ['hello is not approved.'] }) }),
    ).toMatch(/blockers/);
    expect(reason({ plan: samplePlan({ canPromote: false }) })).toBe('The plan publishes nothing.');
  });

  it('says calmly that nothing is left when apt-prod already serves every selected package', () => {
    const served = 'apt-prod already serves every selected package; there is nothing to publish.';
    const readiness = publishReadiness({
      ...ready,
      plan: samplePlan({ canPromote: false, blockers: [served] }),
    });
    expect(readiness).toEqual({ ready: false, reason: NOTHING_LEFT });
  });
});
