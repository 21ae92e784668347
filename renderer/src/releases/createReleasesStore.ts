import { create } from 'zustand';
import type { CountersignClient } from '../../../shared/api';
import type { AppError } from '../../../shared/errors';
import type { ReleasesOverview } from '../../../shared/releases';

export interface ReleasesState {
  /** Whether the overview is shown in place of the current step. */
  shown: boolean;
  /** The last answer of the engine; kept while a newer one loads. */
  overview: ReleasesOverview | null;
  loading: boolean;
  error: AppError | null;
  show: () => void;
  close: () => void;
  toggle: () => void;
  /** Asks the engine again (the open project's releases, read from disk). */
  load: () => Promise<void>;
}

/**
 * Every release of the open project at a glance (`releases:list`), and
 * whether the overview is shown. Built from a client so tests can hand it a
 * fake engine; only the latest answer is kept, an older, slower one dropped.
 */
export function createReleasesStore(client: CountersignClient) {
  let latest = 0;
  return create<ReleasesState>()((set) => ({
    shown: false,
    overview: null,
    loading: false,
    error: null,
    show: () => set({ shown: true }),
    close: () => set({ shown: false }),
    toggle: () => set((state) => ({ shown: !state.shown })),
    async load() {
      const ticket = ++latest;
      set({ loading: true, error: null });
      const outcome = await client.invoke('releases:list', {});
      if (ticket !== latest) return;
      if (outcome.ok) set({ loading: false, overview: outcome.value });
      else set({ loading: false, error: outcome.error });
    },
  }));
}
