import { create } from 'zustand';
import type { CountersignClient } from '../../../../shared/api';
import type { AppError } from '../../../../shared/errors';
import type { JobEvent } from '../../../../shared/jobs';
import type { RebuildResult, RebuildSummary } from '../../../../shared/rebuild';
import { appendCapped, type LogLine } from './logSearch';
import { nextBuildNumber } from './rebuildPhases';
import {
  createJobFollowSlice,
  JOB_STARTED,
  jobSettled,
  type JobFollowSlice,
} from '../../stores/jobFollowSlice';

/** The log kept for the live panel; older lines are dropped so it stays fast. */
export const MAX_REBUILD_LOG_LINES = 5000;

/** The run's job (phase, progress, cancel, error) comes from the slice; the log and build number ride on its events. */
export interface RebuildState extends JobFollowSlice {
  /** Build twice, the second time varied, and compare. */
  checkReproducible: boolean;
  /** The tag of the current (or last) run. */
  tag: string | null;
  /** 1, or 2 during the varied build of a reproducibility check. */
  build: number;
  builds: number;
  log: LogLine[];
  droppedLines: number;
  result: RebuildResult | null;
  history: RebuildSummary[];
  historyTag: string | null;
  historyError: AppError | null;

  setCheckReproducible: (check: boolean) => void;
  runRebuild: (tag: string) => Promise<void>;
  /** The slice's cancelJob, under the name the step's components use. */
  cancelRebuild: () => Promise<void>;
  loadHistory: (tag: string) => Promise<void>;
}

/** A rebuild event's log line (bounded) and build number, applied with its phase and progress. */
function rebuildEventExtras(event: JobEvent, state: RebuildState): Partial<RebuildState> {
  const log =
    event.log === undefined ? null : appendCapped(state.log, [event.log], MAX_REBUILD_LOG_LINES);
  return {
    build: nextBuildNumber(state.phase, event.phase, state.build),
    ...(log ? { log: log.lines, droppedLines: state.droppedLines + log.dropped } : {}),
  };
}

/**
 * Step 2: the rebuild of a verified tag, its live progress and log (from job
 * events of kind "rebuild"), its result, and the past rebuilds of the release.
 * Built from a client so tests can hand it a fake engine.
 */
export function createRebuildStore(client: CountersignClient) {
  // Only the latest history request may set the list.
  let latestHistory = 0;

  const followJob = createJobFollowSlice<RebuildState>(client, {
    kind: 'rebuild',
    alsoApply: rebuildEventExtras,
  });

  return create<RebuildState>()((set, get, store) => ({
    ...followJob(set, get, store),
    checkReproducible: false,
    tag: null,
    build: 1,
    builds: 1,
    log: [],
    droppedLines: 0,
    result: null,
    history: [],
    historyTag: null,
    historyError: null,

    setCheckReproducible: (checkReproducible) => set({ checkReproducible }),

    async runRebuild(tag) {
      if (get().running) return;
      const checkReproducible = get().checkReproducible;
      set({
        ...JOB_STARTED,
        tag,
        build: 1,
        builds: checkReproducible ? 2 : 1,
        log: [],
        droppedLines: 0,
        result: null,
      });
      const outcome = await client.invoke('rebuild:run', { tag, checkReproducible });
      set({ ...jobSettled(outcome), ...(outcome.ok ? { result: outcome.value } : {}) });
      await get().loadHistory(tag);
    },

    cancelRebuild: () => get().cancelJob(),

    async loadHistory(tag) {
      const ticket = ++latestHistory;
      if (get().historyTag !== tag) set({ history: [], historyTag: tag });
      const outcome = await client.invoke('rebuild:list', { tag });
      if (ticket !== latestHistory) return;
      if (outcome.ok) set({ history: outcome.value, historyError: null });
      else set({ historyError: outcome.error });
    },
  }));
}
