import type { AppError } from '../../../shared/errors';
import type { JobEvent, JobKind, JobProgress, JobState } from '../../../shared/jobs';

export interface JobLogLine {
  /** Position in this job's log, so React keys stay stable as lines are prepended. */
  seq: number;
  at: string;
  text: string;
}

/** Everything the drawer shows about one job, folded from its events. */
export interface JobView {
  jobId: string;
  kind: JobKind;
  title: string;
  phase: string;
  progress: JobProgress | null;
  state: JobState;
  error: AppError | null;
  startedAt: string;
  updatedAt: string;
  /** Newest first. */
  log: JobLogLine[];
  /** How many lines were dropped from the tail to bound memory. */
  droppedLines: number;
  /** How many times this work (same kind and title) ran in this window; only the latest is kept. */
  runs: number;
}

export interface JobsSnapshot {
  jobs: Record<string, JobView>;
  /** Job ids, newest first. */
  order: string[];
}

export const MAX_LOG_LINES_PER_JOB = 1000;
export const MAX_JOBS_KEPT = 50;

/**
 * Folds one event into the snapshot, returning a new one (the old is
 * untouched). A job that repeats finished work of the same kind and title
 * (planning the promotion again, say) replaces it, counting the runs, so the
 * list holds one entry per piece of work, not one per click.
 */
export function applyJobEvent(snapshot: JobsSnapshot, event: JobEvent): JobsSnapshot {
  const previous = snapshot.jobs[event.jobId];
  let runs = previous?.runs ?? 1;
  let earlier = snapshot.order;
  const jobs = { ...snapshot.jobs };
  if (!previous) {
    const repeats = snapshot.order.filter((id) => {
      const job = snapshot.jobs[id];
      return job && job.state !== 'running' && job.kind === event.kind && job.title === event.title;
    });
    for (const id of repeats) {
      runs += jobs[id]?.runs ?? 1;
      delete jobs[id];
    }
    if (repeats.length > 0) earlier = snapshot.order.filter((id) => !repeats.includes(id));
  }
  let log = previous?.log ?? [];
  let droppedLines = previous?.droppedLines ?? 0;
  if (event.log !== undefined) {
    const seq = (log[0]?.seq ?? droppedLines - 1) + 1;
    log = [{ seq, at: event.at, text: event.log }, ...log];
    if (log.length > MAX_LOG_LINES_PER_JOB) {
      droppedLines += log.length - MAX_LOG_LINES_PER_JOB;
      log = log.slice(0, MAX_LOG_LINES_PER_JOB);
    }
  }
  const job: JobView = {
    jobId: event.jobId,
    kind: event.kind,
    title: event.title,
    phase: event.phase,
    progress: event.progress,
    state: event.state,
    error: event.error ?? previous?.error ?? null,
    startedAt: previous?.startedAt ?? event.at,
    updatedAt: event.at,
    log,
    droppedLines,
    runs,
  };

  let order = previous ? earlier : [event.jobId, ...earlier];
  jobs[event.jobId] = job;
  if (order.length > MAX_JOBS_KEPT) {
    for (const id of order.slice(MAX_JOBS_KEPT)) delete jobs[id];
    order = order.slice(0, MAX_JOBS_KEPT);
  }
  return { jobs, order };
}
