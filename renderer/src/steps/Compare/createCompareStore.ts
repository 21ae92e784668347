import { create } from 'zustand';
import type { CountersignClient } from '../../../../shared/api';
import type { ArtifactStatus, CompareResult } from '../../../../shared/compare';
import type { AppError } from '../../../../shared/errors';
import { DEFAULT_SORT, nextSort, type ArtifactSort, type SortKey } from './artifactTable';
import {
  createJobFollowSlice,
  JOB_IDLE,
  JOB_STARTED,
  jobSettled,
  type JobFollowSlice,
} from '../../stores/jobFollowSlice';

/** The run's job (its progress is bytes hashed so far, both sides together) comes from the slice. */
export interface CompareState extends JobFollowSlice {
  /** The release this state is about: the one last loaded or compared. */
  tag: string | null;
  /** Its comparison: the saved one, or the one just run. */
  result: CompareResult | null;
  /** Reading the saved comparison (compare:last). */
  loading: boolean;
  loadError: AppError | null;
  /** The table's view, kept here so it survives a visit to the Review step. */
  statusFilter: ArtifactStatus | null;
  query: string;
  sort: ArtifactSort;

  loadLast: (tag: string) => Promise<void>;
  runCompare: (tag: string) => Promise<void>;
  /** The slice's cancelJob, under the name the step's components use. */
  cancelCompare: () => Promise<void>;
  setStatusFilter: (status: ArtifactStatus | null) => void;
  setQuery: (query: string) => void;
  sortBy: (key: SortKey) => void;
  /** Back to nothing loaded; answers still on their way are dropped. */
  reset: () => void;
}

type CompareData = Omit<
  CompareState,
  | 'receiveJobEvent'
  | 'cancelJob'
  | 'dismissError'
  | 'loadLast'
  | 'runCompare'
  | 'cancelCompare'
  | 'setStatusFilter'
  | 'setQuery'
  | 'sortBy'
  | 'reset'
>;

const TABLE_DEFAULT = { statusFilter: null, query: '', sort: DEFAULT_SORT } as const;

const INITIAL: CompareData = {
  tag: null,
  result: null,
  loading: false,
  loadError: null,
  ...JOB_IDLE,
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

  const followJob = createJobFollowSlice<CompareState>(client, { kind: 'compare' });

  return create<CompareState>()((set, get, store) => ({
    ...followJob(set, get, store),
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
        ...JOB_STARTED,
        loading: false,
      });
      const outcome = await client.invoke('compare:run', { tag });
      if (ticket !== latestRun) return;
      // On failure the saved comparison, if any, stays: it is still what is on disk.
      set({
        ...jobSettled(outcome),
        ...(outcome.ok ? { result: outcome.value, loadError: null } : {}),
      });
    },

    cancelCompare: () => get().cancelJob(),
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
