import { create } from 'zustand';
import type { CountersignClient } from '../../../shared/api';
import type { AppError } from '../../../shared/errors';
import type { JobEvent, JobProgress, JobState } from '../../../shared/jobs';
import type { RebuildResult, RebuildSummary } from '../../../shared/rebuild';
import { appendCapped, type LogLine } from '../steps/Rebuild/logSearch';
import { nextBuildNumber } from '../steps/Rebuild/rebuildPhases';

/** The log kept for the live panel; older lines are dropped so it stays fast. */
export const MAX_REBUILD_LOG_LINES = 5000;

export interface RebuildState {
  /** Build twice, the second time varied, and compare. */
  checkReproducible: boolean;
  /** The tag of the current (or last) run. */
  tag: string | null;
  running: boolean;
  /** The engine's job for the current run, known from its first job event. */
  jobId: string | null;
  cancelling: boolean;
  phase: string | null;
  progress: JobProgress | null;
  jobState: JobState | null;
  /** 1, or 2 during the varied build of a reproducibility check. */
  build: number;
  builds: number;
  log: LogLine[];
  droppedLines: number;
  result: RebuildResult | null;
  error: AppError | null;
  cancelled: boolean;
  history: RebuildSummary[];
  historyTag: string | null;
  historyError: AppError | null;

  setCheckReproducible: (check: boolean) => void;
  runRebuild: (tag: string) => Promise<void>;
  cancelRebuild: () => Promise<void>;
  loadHistory: (tag: string) => Promise<void>;
  receiveJobEvent: (event: JobEvent) => void;
  dismissError: () => void;
}

/**
 * Step 2: the rebuild of a verified tag, its live progress and log (from job
 * events of kind "rebuild"), its result, and the past rebuilds of the release.
 * Built from a client so tests can hand it a fake engine.
 */
export function createRebuildStore(client: CountersignClient) {
  // Only the latest history request may set the list.
  let latestHistory = 0;

  return create<RebuildState>()((set, get) => ({
    checkReproducible: false,
    tag: null,
    running: false,
    jobId: null,
    cancelling: false,
    phase: null,
    progress: null,
    jobState: null,
    build: 1,
    builds: 1,
    log: [],
    droppedLines: 0,
    result: null,
    error: null,
    cancelled: false,
    history: [],
    historyTag: null,
    historyError: null,

    setCheckReproducible: (checkReproducible) => set({ checkReproducible }),

    async runRebuild(tag) {
      if (get().running) return;
      const checkReproducible = get().checkReproducible;
      set({
        tag,
        running: true,
        jobId: null,
        cancelling: false,
        phase: 'starting',
        progress: null,
        jobState: 'running',
        build: 1,
        builds: checkReproducible ? 2 : 1,
        log: [],
        droppedLines: 0,
        result: null,
        error: null,
        cancelled: false,
      });
      const outcome = await client.invoke('rebuild:run', { tag, checkReproducible });
      if (outcome.ok) {
        set({ running: false, cancelling: false, result: outcome.value, jobState: 'succeeded' });
      } else if (outcome.error.code === 'CANCELLED') {
        set({ running: false, cancelling: false, cancelled: true, jobState: 'cancelled' });
      } else {
        set({ running: false, cancelling: false, error: outcome.error, jobState: 'failed' });
      }
      await get().loadHistory(tag);
    },

    async cancelRebuild() {
      const { jobId, running } = get();
      if (!running || jobId === null) return;
      set({ cancelling: true });
      const outcome = await client.invoke('jobs:cancel', { jobId });
      // The run itself answers CANCELLED; here only a refusal needs showing.
      if (!outcome.ok) set({ cancelling: false, error: outcome.error });
      else if (!outcome.value.cancelled) set({ cancelling: false });
    },

    async loadHistory(tag) {
      const ticket = ++latestHistory;
      if (get().historyTag !== tag) set({ history: [], historyTag: tag });
      const outcome = await client.invoke('rebuild:list', { tag });
      if (ticket !== latestHistory) return;
      if (outcome.ok) set({ history: outcome.value, historyError: null });
      else set({ historyError: outcome.error });
    },

    receiveJobEvent(event) {
      if (event.kind !== 'rebuild') return;
      const state = get();
      if (!state.running) return;
      // The first running rebuild event after we asked is ours; events of other jobs are not.
      if (state.jobId === null && event.state !== 'running') return;
      if (state.jobId !== null && state.jobId !== event.jobId) return;
      const log =
        event.log === undefined
          ? null
          : appendCapped(state.log, [event.log], MAX_REBUILD_LOG_LINES);
      set({
        jobId: event.jobId,
        phase: event.phase,
        progress: event.progress,
        jobState: event.state,
        build: nextBuildNumber(state.phase, event.phase, state.build),
        ...(log ? { log: log.lines, droppedLines: state.droppedLines + log.dropped } : {}),
      });
    },

    dismissError: () => set({ error: null }),
  }));
}
