import type { JobProgress as Progress, JobState } from '../../../shared/jobs';

interface JobProgressProps {
  progress: Progress | null;
  state: JobState;
  label: string;
}

/** A progress bar: measured when the job reports counts, indeterminate while it only runs. */
export function JobProgress({ progress, state, label }: JobProgressProps) {
  if (!progress) {
    return state === 'running' ? <progress className="job-progress" aria-label={label} /> : null;
  }
  const total = Math.max(progress.total, 1);
  const done = Math.min(Math.max(progress.done, 0), total);
  return (
    <div className="job-progress-row">
      <progress className="job-progress" aria-label={label} max={total} value={done} />
      <span className="job-progress-row__count">
        {progress.done} / {progress.total} {progress.unit}
      </span>
    </div>
  );
}
