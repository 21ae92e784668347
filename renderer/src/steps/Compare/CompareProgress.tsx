import { JobProgress } from '../../jobs/JobProgress';
import { JOB_STATE_LABEL } from '../../jobs/jobStateLabel';
import { UntrustedText } from '../../components/UntrustedText';
import { useCompareStore } from './compareStore';
import { describeProgress } from './progressText';

/** The comparison under way: its phase, the bytes hashed so far, and Cancel. */
export function CompareProgress() {
  const phase = useCompareStore((state) => state.phase);
  const progress = useCompareStore((state) => state.progress);
  const jobState = useCompareStore((state) => state.jobState) ?? 'running';
  const jobId = useCompareStore((state) => state.jobId);
  const cancelling = useCompareStore((state) => state.cancelling);
  const cancelCompare = useCompareStore((state) => state.cancelCompare);
  const cancelBlocked = jobId === null || cancelling;
  const measured = progress !== null && progress.total > 0;

  return (
    <section
      className="panel compare-progress"
      aria-labelledby="compare-progress-heading"
      data-testid="compare-progress"
      data-state={jobState}
    >
      <div className="panel__header">
        <h3 className="panel__title" id="compare-progress-heading">
          Comparing
        </h3>
        <span className={`badge badge--${jobState}`}>{JOB_STATE_LABEL[jobState]}</span>
      </div>
      <p className="compare-progress__phase">
        <span className="compare-progress__label">Phase</span>{' '}
        <UntrustedText text={phase ?? 'starting'} />
      </p>
      <div className="compare-progress__row">
        {measured ? (
          <div className="compare-progress__bar">
            <progress
              className="job-progress"
              aria-label="Bytes hashed"
              max={progress.total}
              value={Math.min(progress.done, progress.total)}
            />
            <span className="compare-progress__count" data-testid="compare-progress-count">
              {describeProgress(progress)}
            </span>
          </div>
        ) : (
          <div className="compare-progress__bar">
            <JobProgress progress={null} state="running" label="Progress of the comparison" />
          </div>
        )}
        <button
          type="button"
          className="button button--danger"
          data-testid="cancel-compare"
          aria-disabled={cancelBlocked ? true : undefined}
          onClick={() => {
            if (!cancelBlocked) void cancelCompare();
          }}
        >
          {cancelling ? 'Cancelling…' : 'Cancel comparison'}
        </button>
      </div>
    </section>
  );
}
