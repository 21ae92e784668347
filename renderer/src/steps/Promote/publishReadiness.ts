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
