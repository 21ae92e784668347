import { UntrustedText } from '../../components/UntrustedText';
import { JobProgress } from '../../jobs/JobProgress';
import { usePromoteStore } from './promoteStore';

/** The plan being made: the engine's phase (reading the review, apt-test, apt-prod) and Cancel. */
export function PlanProgress() {
  const phase = usePromoteStore((state) => state.planning.phase);
  const progress = usePromoteStore((state) => state.planning.progress);
  const jobId = usePromoteStore((state) => state.planning.jobId);
  const cancelling = usePromoteStore((state) => state.planning.cancelling);
  const cancelJob = usePromoteStore((state) => state.planning.cancelJob);
  const cancelBlocked = jobId === null || cancelling;
  return (
    <div className="promote-plan-progress" data-testid="promote-plan-progress">
      <span className="promote-plan-progress__phase">
        Planning: <UntrustedText text={phase ?? 'starting'} />
      </span>
      <JobProgress progress={progress} state="running" label="Progress of the plan" />
      <button
        type="button"
        className="button button--quiet"
        aria-disabled={cancelBlocked ? true : undefined}
        onClick={() => {
          if (!cancelBlocked) void cancelJob();
        }}
      >
        {cancelling ? 'Stopping…' : 'Stop planning'}
      </button>
    </div>
  );
}
