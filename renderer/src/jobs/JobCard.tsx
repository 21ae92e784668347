import { DateTime } from '../components/DateTime';
import { UntrustedText } from '../components/UntrustedText';
import { formatUtcTime } from '../format/dateTime';
import { useJobsStore } from '../stores/jobsStore';
import { JOB_STATE_LABEL } from './jobStateLabel';
import { JobProgress } from './JobProgress';

/** One job: title, phase, state, progress and its log, newest line first. */
export function JobCard({ jobId }: { jobId: string }) {
  const job = useJobsStore((state) => state.jobs[jobId]);
  if (!job) return null;

  return (
    <li
      className="job-card"
      data-testid="job-card"
      data-job-kind={job.kind}
      data-job-state={job.state}
    >
      <div className="job-card__header">
        <h3 className="job-card__title">
          <UntrustedText text={job.title} />
        </h3>
        {job.runs > 1 ? (
          <span className="job-card__runs" data-testid="job-card-runs">
            {job.runs} runs, latest shown
          </span>
        ) : null}
        <span className={`badge badge--${job.state}`}>{JOB_STATE_LABEL[job.state]}</span>
      </div>
      <p className="job-card__phase">
        <span className="job-card__phase-label">Phase</span> <UntrustedText text={job.phase} />
        <span className="job-card__time">
          {' · '}
          <DateTime iso={job.updatedAt} />
        </span>
      </p>
      <JobProgress progress={job.progress} state={job.state} label={`Progress of ${job.title}`} />
      {job.error ? (
        <p className="job-card__error">
          <code>{job.error.code}</code> <UntrustedText text={job.error.message} />
        </p>
      ) : null}
      {job.log.length > 0 ? (
        // A long log scrolls; tabIndex lets the keyboard reach and scroll it (axe: scrollable-region-focusable).
        <ol
          className="job-log"
          aria-label={`Log of ${job.title}, newest first`}
          reversed
          tabIndex={0}
        >
          {job.log.map((line) => (
            <li key={line.seq} className="job-log__line">
              <time className="job-log__time" dateTime={line.at}>
                {formatUtcTime(line.at)}
              </time>
              <span className="job-log__text">
                <UntrustedText text={line.text} />
              </span>
            </li>
          ))}
        </ol>
      ) : null}
      {job.droppedLines > 0 ? (
        <p className="job-card__dropped">{job.droppedLines} older lines not shown.</p>
      ) : null}
    </li>
  );
}
