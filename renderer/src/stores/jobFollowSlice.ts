import type { StateCreator } from 'zustand';
import type { CountersignClient } from '../../../shared/api';
import type { AppError, Outcome } from '../../../shared/errors';
import type { JobEvent, JobKind, JobProgress, JobState } from '../../../shared/jobs';

/** One run of long work (a rebuild, a comparison, a diffoscope report) as a step follows it. */
export interface JobRun {
  running: boolean;
  /** The engine's job for the current run, known from its first job event. */
  jobId: string | null;
  cancelling: boolean;
  phase: string | null;
  progress: JobProgress | null;
  jobState: JobState | null;
  error: AppError | null;
  cancelled: boolean;
}

/** The run's state plus what every step does with it: follow its events, cancel it, dismiss its error. */
export interface JobFollowSlice extends JobRun {
  /** Takes an event of the window's one subscription; only the followed job's change anything. */
  receiveJobEvent: (event: JobEvent) => void;
  /** Asks the engine to cancel the followed job; the run itself then answers CANCELLED. */
  cancelJob: () => Promise<void>;
  dismissError: () => void;
}

/** Nothing running, nothing to show. */
export const JOB_IDLE: JobRun = {
  running: false,
  jobId: null,
  cancelling: false,
  phase: null,
  progress: null,
  jobState: null,
  error: null,
  cancelled: false,
};

/** Just asked for: the job is not known until its first event. */
export const JOB_STARTED: JobRun = {
  ...JOB_IDLE,
  running: true,
  phase: 'starting',
  jobState: 'running',
};

/**
 * The end of a run from the engine's answer: succeeded, cancelled (not an
 * error: the user asked for it), or failed with the engine's error.
 */
export function jobSettled(
  outcome: Outcome<unknown>,
): Pick<JobRun, 'running' | 'cancelling' | 'jobState' | 'cancelled' | 'error'> {
  const ended = { running: false, cancelling: false } as const;
  if (outcome.ok) return { ...ended, jobState: 'succeeded', cancelled: false, error: null };
  if (outcome.error.code === 'CANCELLED') {
    return { ...ended, jobState: 'cancelled', cancelled: true, error: null };
  }
  return { ...ended, jobState: 'failed', cancelled: false, error: outcome.error };
}

export interface JobFollowOptions<S extends JobFollowSlice> {
  /** The kind of job this step runs; events of other kinds are never its own. */
  kind: JobKind;
  /**
   * Whether an event may be the first of the run's job (its id not known yet).
   * By default the first running event of the kind after asking is ours.
   */
  claims?: (event: JobEvent, state: S) => boolean;
  /** What else an event of the followed job changes (a log, a build number), in the same update. */
  alsoApply?: (event: JobEvent, state: S) => Partial<S>;
}

/**
 * The job-following slice (zustand's slices pattern): a store of type `S`
 * spreads it into its own state and starts a run with `JOB_STARTED`, ends it
 * with `jobSettled(outcome)`. Only the run's own job moves its phase and
 * progress: the first running event of its kind claims the job, and events of
 * every other job are ignored.
 */
export function createJobFollowSlice<S extends JobFollowSlice>(
  client: CountersignClient,
  options: JobFollowOptions<S>,
): StateCreator<S, [], [], JobFollowSlice> {
  const claims = options.claims ?? ((event: JobEvent) => event.state === 'running');
  return (set, get) => {
    // The slice writes only its own keys; TypeScript cannot see that a partial of them is a partial of S.
    const setRun = set as (partial: Partial<JobFollowSlice> | Partial<S>) => void;
    return {
      ...JOB_IDLE,

      receiveJobEvent(event) {
        if (event.kind !== options.kind) return;
        const state = get();
        if (!state.running) return;
        if (state.jobId === null && !claims(event, state)) return;
        if (state.jobId !== null && state.jobId !== event.jobId) return;
        setRun({
          ...options.alsoApply?.(event, state),
          jobId: event.jobId,
          phase: event.phase,
          progress: event.progress,
          jobState: event.state,
        });
      },

      async cancelJob() {
        const { jobId, running } = get();
        if (!running || jobId === null) return;
        setRun({ cancelling: true });
        const outcome = await client.invoke('jobs:cancel', { jobId });
        // The run itself answers CANCELLED; here only a refusal needs showing.
        if (!outcome.ok) setRun({ cancelling: false, error: outcome.error });
        else if (!outcome.value.cancelled) setRun({ cancelling: false });
      },

      dismissError: () => setRun({ error: null }),
    };
  };
}
