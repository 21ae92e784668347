import { create } from 'zustand';
import type { CountersignClient } from '../../../shared/api';
import type { ArtifactStatus, CompareResult } from '../../../shared/compare';
import type { AppError } from '../../../shared/errors';
import type { JobEvent, JobProgress, JobState } from '../../../shared/jobs';
import {
  DEFAULT_SORT,
  nextSort,
  type ArtifactSort,
  type SortKey,
} from '../steps/Compare/artifactTable';

export interface CompareState {
  /** The release this state is about: the one last loaded or compared. */
  tag: string | null;
  /** Its comparison: the saved one, or the one just run. */
  result: CompareResult | null;
  /** Reading the saved comparison (compare:last). */
  loading: boolean;
  loadError: AppError | null;
  running: boolean;
  /** The engine's job for the current run, known from its first job event. */
  jobId: string | null;
  cancelling: boolean;
  phase: string | null;
  /** Bytes hashed so far, both sides together. */
  progress: JobProgress | null;
  jobState: JobState | null;
  error: AppError | null;
  cancelled: boolean;
  /** The table's view, kept here so it survives a visit to the Review step. */
  statusFilter: ArtifactStatus | null;
  query: string;
  sort: ArtifactSort;

  loadLast: (tag: string) => Promise<void>;
  runCompare: (tag: string) => Promise<void>;
  cancelCompare: () => Promise<void>;
  receiveJobEvent: (event: JobEvent) => void;
  dismissError: () => void;
  setStatusFilter: (status: ArtifactStatus | null) => void;
  setQuery: (query: string) => void;
  sortBy: (key: SortKey) => void;
  /** Back to nothing loaded; answers still on their way are dropped. */
  reset: () => void;
}

type CompareData = Omit<
  CompareState,
  | 'loadLast'
  | 'runCompare'
  | 'cancelCompare'
  | 'receiveJobEvent'
  | 'dismissError'
  | 'setStatusFilter'
  | 'setQuery'
  | 'sortBy'
  | 'reset'
>;

const RUN_IDLE = {
  running: false,
  jobId: null,
  cancelling: false,
  phase: null,
  progress: null,
  jobState: null,
  error: null,
  cancelled: false,
} as const;

const TABLE_DEFAULT = { statusFilter: null, query: '', sort: DEFAULT_SORT } as const;

const INITIAL: CompareData = {
  tag: null,
  result: null,
  loading: false,
  loadError: null,
  ...RUN_IDLE,
  ...TABLE_DEFAULT,
};

/**
 * Step 3: the comparison of CI's artifacts with the release's rebuild, the
 * saved one (compare:last) or a new run (compare:run) with its progress from
 * job events of kind "compare", and the table's filter and sort. Built from a
 * client so tests can hand it a fake engine.
 */
export function createCompareStore(client: CountersignClient) {
  // Only the latest load may set the result, and a run outranks any load begun before it.
  let latestLoad = 0;
  // A run's answer is dropped if the store was reset meanwhile.
  let latestRun = 0;

  return create<CompareState>()((set, get) => ({
    ...INITIAL,

    async loadLast(tag) {
      if (get().running) return;
      const ticket = ++latestLoad;
      // Another release: nothing of the previous one may show, not even its filter.
      if (get().tag !== tag) set({ ...INITIAL, tag });
      set({ loading: true, loadError: null });
      const outcome = await client.invoke('compare:last', { tag });
      if (ticket !== latestLoad) return;
      if (outcome.ok) set({ loading: false, result: outcome.value });
      else set({ loading: false, loadError: outcome.error });
    },

    async runCompare(tag) {
      if (get().running) return;
      const ticket = ++latestRun;
      latestLoad += 1;
      set({
        ...(get().tag !== tag ? { ...INITIAL, tag } : {}),
        ...RUN_IDLE,
        loading: false,
        running: true,
        phase: 'starting',
        jobState: 'running',
      });
      const outcome = await client.invoke('compare:run', { tag });
      if (ticket !== latestRun) return;
      if (outcome.ok) {
        set({
          running: false,
          cancelling: false,
          result: outcome.value,
          loadError: null,
          jobState: 'succeeded',
        });
      } else if (outcome.error.code === 'CANCELLED') {
        set({ running: false, cancelling: false, cancelled: true, jobState: 'cancelled' });
      } else {
        // The saved comparison, if any, stays: it is still what is on disk.
        set({ running: false, cancelling: false, error: outcome.error, jobState: 'failed' });
      }
    },

    async cancelCompare() {
      const { jobId, running } = get();
      if (!running || jobId === null) return;
      set({ cancelling: true });
      const outcome = await client.invoke('jobs:cancel', { jobId });
      // The run itself answers CANCELLED; here only a refusal needs showing.
      if (!outcome.ok) set({ cancelling: false, error: outcome.error });
      else if (!outcome.value.cancelled) set({ cancelling: false });
    },

    receiveJobEvent(event) {
      if (event.kind !== 'compare') return;
      const state = get();
      if (!state.running) return;
      // The first running compare event after we asked is ours; events of other jobs are not.
      if (state.jobId === null && event.state !== 'running') return;
      if (state.jobId !== null && state.jobId !== event.jobId) return;
      set({
        jobId: event.jobId,
        phase: event.phase,
        progress: event.progress,
        jobState: event.state,
      });
    },

    dismissError: () => set({ error: null }),
    setStatusFilter: (statusFilter) => set({ statusFilter }),
    setQuery: (query) => set({ query }),
    sortBy: (key) => set((state) => ({ sort: nextSort(state.sort, key) })),

    reset() {
      latestLoad += 1;
      latestRun += 1;
      set(INITIAL);
    },
  }));
}
