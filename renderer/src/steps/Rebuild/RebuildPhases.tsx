import { JobProgress } from '../../jobs/JobProgress';
import { JOB_STATE_LABEL } from '../../jobs/jobStateLabel';
import { useRebuildStore } from './rebuildStore';
import { overallProgress, phaseViews, type PhaseState } from './rebuildPhases';

const PHASE_STATE_LABEL: Record<PhaseState, string> = {
  done: 'done',
  current: 'in progress',
  pending: 'waiting',
  failed: 'failed',
  stopped: 'stopped',
};

/** The four phases of the build under way, the current one highlighted, and Cancel. */
export function RebuildPhases() {
  const phase = useRebuildStore((state) => state.phase);
  const progress = useRebuildStore((state) => state.progress);
  const jobState = useRebuildStore((state) => state.jobState);
  const build = useRebuildStore((state) => state.build);
  const builds = useRebuildStore((state) => state.builds);
  const running = useRebuildStore((state) => state.running);
  const jobId = useRebuildStore((state) => state.jobId);
  const cancelling = useRebuildStore((state) => state.cancelling);
  const cancelRebuild = useRebuildStore((state) => state.cancelRebuild);
  const phases = phaseViews(phase, jobState);
  const cancelBlocked = !running || jobId === null || cancelling;

  return (
    <section
      className="panel rebuild-phases"
      aria-labelledby="rebuild-phases-heading"
      data-testid="rebuild-phases"
      data-phase={phase ?? ''}
      data-build={build}
      data-state={jobState ?? ''}
    >
      <div className="panel__header">
        <h3 className="panel__title" id="rebuild-phases-heading">
          {builds > 1
            ? build > 1
              ? 'Build 2 of 2 (varied)'
              : 'Build 1 of 2 (reference)'
            : 'Build'}
        </h3>
        {jobState ? (
          <span className={`badge badge--${jobState}`}>{JOB_STATE_LABEL[jobState]}</span>
        ) : null}
      </div>
      <ol className="rebuild-phases__list">
        {phases.map((item) => (
          <li
            key={item.name}
            className={`rebuild-phase rebuild-phase--${item.state}`}
            data-testid="rebuild-phase"
            data-phase-state={item.state}
            aria-current={item.state === 'current' ? 'step' : undefined}
          >
            <span className="rebuild-phase__name">{item.name}</span>
            <span className="rebuild-phase__state">{PHASE_STATE_LABEL[item.state]}</span>
            {item.state === 'current' ? (
              <progress className="job-progress" aria-label={`Progress of ${item.name}`} />
            ) : (
              <progress
                className="job-progress"
                aria-label={`Progress of ${item.name}`}
                max={1}
                value={item.state === 'done' ? 1 : 0}
              />
            )}
          </li>
        ))}
      </ol>
      <div className="rebuild-phases__footer">
        <div className="rebuild-phases__overall">
          <JobProgress
            progress={overallProgress(progress, build, builds)}
            state={jobState ?? 'running'}
            label="Progress of the rebuild"
          />
        </div>
        {running ? (
          <button
            type="button"
            className="button button--danger"
            data-testid="cancel-rebuild"
            aria-disabled={cancelBlocked ? true : undefined}
            onClick={() => {
              if (!cancelBlocked) void cancelRebuild();
            }}
          >
            {cancelling ? 'Cancelling…' : 'Cancel rebuild'}
          </button>
        ) : null}
      </div>
    </section>
  );
}
