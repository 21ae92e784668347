import { ErrorAlert } from '../../components/ErrorAlert';
import { planIsCurrent } from './planningSlice';
import { usePromoteStore } from './promoteStore';
import { CandidateTable } from './CandidateTable';
import { ApprovalsList } from './ApprovalsList';
import { chosenPackages } from './candidateSelection';
import { ChangeList } from './ChangeList';
import { countChanges } from './changeText';
import { DetachedArtifactList } from './DetachedArtifactList';
import { offersDowngrade } from './downgradeChoice';
import { DowngradeToggle } from './DowngradeToggle';
import { KeptPackages } from './KeptPackages';
import { PlanBlockers } from './PlanBlockers';
import { PlannedReleaseFacts } from './PlannedReleaseFacts';
import { PlanProgress } from './PlanProgress';
import { PublicationRefusalList } from './PublicationRefusalList';

/**
 * The plan: what the gate says of each package in apt-test, what apt-prod
 * would gain, the new Release, the detached artifacts, and what blocks it.
 * Nothing here writes; changing the choice of packages plans again.
 */
export function PlanPanel({ tag }: { tag: string }) {
  const plan = usePromoteStore((state) =>
    state.planning.tag === tag ? state.planning.plan : null,
  );
  const selection = usePromoteStore((state) => state.planning.selection);
  const allowDowngrade = usePromoteStore((state) => state.planning.allowDowngrade);
  const planning = usePromoteStore((state) => state.planning.running);
  const current = usePromoteStore((state) => planIsCurrent(state.planning));
  const error = usePromoteStore((state) => state.planning.error);
  const dismissError = usePromoteStore((state) => state.planning.dismissError);
  const replan = usePromoteStore((state) => state.planning.replan);
  const setPackageSelected = usePromoteStore((state) => state.planning.setPackageSelected);
  const locked = usePromoteStore(
    (state) => state.publication.running || state.publication.rollingBack,
  );

  return (
    <section
      className="panel promote-plan"
      aria-labelledby="promote-plan-heading"
      aria-busy={planning}
      data-testid="promote-plan"
      data-state={planning ? 'planning' : plan === null ? 'none' : current ? 'current' : 'stale'}
      data-can-promote={plan?.canPromote ?? false}
    >
      <div className="panel__header">
        <h2 className="panel__title" id="promote-plan-heading">
          The plan
        </h2>
        <button
          type="button"
          className="button button--quiet"
          aria-disabled={planning || locked ? true : undefined}
          onClick={() => {
            if (!planning && !locked) void replan();
          }}
          data-testid="promote-replan"
        >
          Plan again
        </button>
      </div>
      <p className="panel__intro">
        Worked out afresh each time, from the comparison, the review and both repositories as they
        are now. Nothing is written until you sign below.
      </p>
      {planning ? <PlanProgress /> : null}
      {error ? (
        <ErrorAlert error={error} title="Could not plan the promotion" onDismiss={dismissError} />
      ) : null}
      {plan ? (
        <div className="promote-plan__body">
          <PlanBlockers plan={plan} />
          <CandidateTable
            candidates={plan.candidates}
            chosen={chosenPackages(plan.candidates, selection)}
            locked={locked}
            onChoose={setPackageSelected}
          />
          {plan.approvals ? <ApprovalsList approvals={plan.approvals} /> : null}
          {offersDowngrade(plan, allowDowngrade) ? <DowngradeToggle locked={locked} /> : null}
          <h3 className="facts__title facts__title--follow">
            Changes to apt-prod{' '}
            <span className="promote-plan__count" data-testid="promote-change-count">
              ({countChanges(plan.changes)})
            </span>
          </h3>
          <ChangeList changes={plan.changes} testId="promote-changes" />
          <PublicationRefusalList refusals={plan.publicationRefusals} />
          <KeptPackages kept={plan.kept} />
          <h3 className="facts__title facts__title--follow">The new Release</h3>
          {plan.release ? (
            <PlannedReleaseFacts release={plan.release} />
          ) : (
            <p className="facts__aside">No Release would be written.</p>
          )}
          <h3 className="facts__title facts__title--follow">Detached artifacts</h3>
          <DetachedArtifactList detached={plan.detached} />
        </div>
      ) : planning ? null : (
        <p className="verdict-placeholder" data-testid="promote-plan-none">
          No plan yet.
        </p>
      )}
    </section>
  );
}
