import { useState, type FormEvent } from 'react';
import type { ReportInfo } from '../../../../shared/review';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FieldNote, fieldNoteId } from '../../components/FieldNote';
import { UntrustedText } from '../../components/UntrustedText';
import { JobProgress } from '../../jobs/JobProgress';
import { useReviewStore } from './reviewStore';
import {
  DEFAULT_TIME_LIMIT_SECONDS,
  MAX_TIME_LIMIT_SECONDS,
  MIN_TIME_LIMIT_SECONDS,
  timeLimitProblem,
} from './reportTimeLimit';

/** Run diffoscope (again), with a time limit the user sets. */
function RunReportForm({ label }: { label: string }) {
  const runReport = useReviewStore((state) => state.runReport);
  const running = useReviewStore((state) => state.running);
  const [limit, setLimit] = useState(String(DEFAULT_TIME_LIMIT_SECONDS));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const fieldId = 'review-time-limit';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = timeLimitProblem(limit);
    setProblem(found);
    if (found || running) return;
    void runReport(Number(limit.trim()));
  };

  return (
    <form className="review-report__form" onSubmit={onSubmit} noValidate>
      <div className="field review-report__limit">
        <label className="field__label" htmlFor={fieldId}>
          Time limit (seconds)
        </label>
        <input
          id={fieldId}
          className="field__control"
          type="number"
          inputMode="numeric"
          min={MIN_TIME_LIMIT_SECONDS}
          max={MAX_TIME_LIMIT_SECONDS}
          step={1}
          value={limit}
          onChange={(event) => setLimit(event.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={fieldNoteId(fieldId, problem)}
          data-testid="review-time-limit"
        />
        <FieldNote
          fieldId={fieldId}
          problem={problem}
          help="diffoscope is stopped after this long; what it found so far is not kept."
        />
      </div>
      <button
        type="submit"
        className="button button--primary"
        data-testid="review-run-report"
        aria-disabled={running ? true : undefined}
      >
        {label}
      </button>
    </form>
  );
}

/**
 * Where diffoscope's full report stands: running (with its job's progress;
 * the provisional listing is shown meanwhile), failed (its problem, and a way
 * to run it again with another time limit), or ready (its version and date).
 */
export function ReportStatus({ report }: { report: ReportInfo }) {
  const phase = useReviewStore((state) => state.phase);
  const progress = useReviewStore((state) => state.progress);
  const jobId = useReviewStore((state) => state.jobId);
  const cancelling = useReviewStore((state) => state.cancelling);
  const cancelJob = useReviewStore((state) => state.cancelJob);
  const error = useReviewStore((state) => state.error);
  const dismissError = useReviewStore((state) => state.dismissError);

  const runError = error ? (
    <ErrorAlert error={error} title="diffoscope’s report did not finish" onDismiss={dismissError} />
  ) : null;

  if (report.state === 'ready') {
    return (
      <p
        className="review-report review-report--ready"
        data-testid="review-report"
        data-state="ready"
      >
        Full report by <UntrustedText text={report.diffoscopeVersion ?? 'diffoscope'} />
        {report.generatedAt ? (
          <>
            , made <DateTime iso={report.generatedAt} />
          </>
        ) : null}
        {report.reportSha256 ? (
          <span
            className="review-report__sha"
            title={`SHA-256 of the report: ${report.reportSha256}`}
          >
            {' '}
            · decisions are bound to report <code>{report.reportSha256.slice(0, 12)}</code>
          </span>
        ) : null}
      </p>
    );
  }

  if (report.state === 'running') {
    const cancelBlocked = jobId === null || cancelling;
    return (
      <div
        className="review-report review-report--running"
        role="status"
        data-testid="review-report"
        data-state="running"
      >
        <p className="review-report__title">diffoscope’s full report is running…</p>
        <p className="review-report__text">
          Meanwhile Countersign’s own listing of the members that differ is shown, and each one’s
          diff is made on demand. Decisions open when the report is ready.
        </p>
        <div className="review-report__progress">
          <span className="review-report__phase">
            <UntrustedText text={phase ?? 'starting'} />
          </span>
          <JobProgress
            progress={progress}
            state="running"
            label="Progress of diffoscope’s report"
          />
          <button
            type="button"
            className="button button--danger-text"
            data-testid="review-cancel-report"
            aria-disabled={cancelBlocked ? true : undefined}
            onClick={() => {
              if (!cancelBlocked) void cancelJob();
            }}
          >
            {cancelling ? 'Stopping…' : 'Stop diffoscope'}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div
      className={`review-report review-report--${report.state}`}
      data-testid="review-report"
      data-state={report.state}
    >
      {report.state === 'failed' ? (
        <>
          <p className="review-report__title">diffoscope’s full report failed</p>
          {report.problem ? (
            <p className="review-report__problem" data-testid="review-report-problem">
              <UntrustedText text={report.problem} />
            </p>
          ) : null}
        </>
      ) : (
        <p className="review-report__title">diffoscope has not reported on this artifact yet.</p>
      )}
      {runError}
      <RunReportForm label={report.state === 'failed' ? 'Run again' : 'Run diffoscope'} />
    </div>
  );
}
