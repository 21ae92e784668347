import type { PromotionPlan } from '../../../../shared/promote';

/** Whether the shown plan may be signed and published now, and if not, why (said beside the button). */
export type Readiness = { ready: true } | { ready: false; reason: string };

export interface ReadinessFacts {
  plan: PromotionPlan | null;
  /** The plan was made from the current choices and no other plan is on its way. */
  planCurrent: boolean;
  /** A plan is being made now. */
  planning: boolean;
  busy: boolean;
}

/**
 * The engine's line for a plan whose selected packages apt-prod already
 * serves (electron/core/promote/planPromotion.ts): the state right after a
 * publication, a fact to state calmly rather than something in the way.
 */
const ALREADY_SERVED = 'apt-prod already serves every selected package';

export const NOTHING_LEFT =
  'Nothing left to publish: apt-prod already serves every selected package of this release.';

/** Whether the plan has nothing left to publish because apt-prod already serves it all. */
export function nothingLeftToPublish(plan: Pick<PromotionPlan, 'blockers'>): boolean {
  return plan.blockers.some((line) => line.startsWith(ALREADY_SERVED));
}

/** The plan's blockers that stand in the way, without the calm "nothing left" fact. */
export function standingBlockers(plan: Pick<PromotionPlan, 'blockers'>): string[] {
  return plan.blockers.filter((line) => !line.startsWith(ALREADY_SERVED));
}

/** The one reason the confirm button is off, the first that applies. */
export function publishReadiness({ plan, planCurrent, planning, busy }: ReadinessFacts): Readiness {
  if (plan === null) return { ready: false, reason: 'Waiting for the plan.' };
  if (busy) return { ready: false, reason: 'Busy with apt-prod; wait for it to finish.' };
  if (planning) return { ready: false, reason: 'The plan is being made again for your choice.' };
  if (!planCurrent) {
    return { ready: false, reason: 'The plan shown was made for another choice: plan again.' };
  }
  if (plan.signer === null) return { ready: false, reason: 'Import the release key first.' };
  if (!plan.canPromote) {
    if (
      nothingLeftToPublish(plan) &&
      standingBlockers(plan).length === 0 &&
      plan.tagGate.verified
    ) {
      return { ready: false, reason: NOTHING_LEFT };
    }
    return {
      ready: false,
      reason:
        plan.blockers.length > 0
          ? 'The plan’s blockers stand in the way (listed above).'
          : 'The plan publishes nothing.',
    };
  }
  return { ready: true };
}
