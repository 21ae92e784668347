import type { PromotionPlan } from '../../../../shared/promote';
import { UntrustedText } from '../../components/UntrustedText';

/** What stands in the way of this promotion, one line each, in the engine's words. */
export function PlanBlockers({ plan }: { plan: PromotionPlan }) {
  const lines = [
    ...(plan.tagGate.verified ? [] : [plan.tagGate.problem ?? 'The tag does not verify now.']),
    ...plan.blockers,
  ];
  const unique = [...new Set(lines)];
  if (unique.length === 0) return null;
  return (
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
  );
}
