import type { PromotionPlan } from '../../../../shared/promote';
import { UntrustedText } from '../../components/UntrustedText';
import { NOTHING_LEFT, nothingLeftToPublish, standingBlockers } from './publishReadiness';

/**
 * What stands in the way of this promotion, one line each, in the engine's
 * words. That apt-prod already serves every selected package (as right after
 * publishing them) is no obstacle but a fact: said calmly, as a status.
 */
export function PlanBlockers({ plan }: { plan: PromotionPlan }) {
  const lines = [
    ...(plan.tagGate.verified ? [] : [plan.tagGate.problem ?? 'The tag does not verify now.']),
    ...standingBlockers(plan),
  ];
  const unique = [...new Set(lines)];
  const nothingLeft = nothingLeftToPublish(plan) ? (
    <p className="promote-nothing-left" role="status" data-testid="promote-nothing-left">
      <span aria-hidden="true">✓ </span>
      {NOTHING_LEFT}
    </p>
  ) : null;
  if (unique.length === 0) return nothingLeft;
  return (
    <>
      {nothingLeft}
      <div className="promote-blockers" role="note" data-testid="promote-blockers">
        <p className="promote-blockers__title">Nothing will be published while:</p>
        <ul>
          {unique.map((line) => (
            <li key={line} data-testid="promote-blocker">
              <UntrustedText text={line} />
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
