import type { StateCreator } from 'zustand';
import type { AuditHistoryView } from '../../../../shared/audit';
import type { CountersignClient } from '../../../../shared/api';
import type { AppError } from '../../../../shared/errors';

export interface ReleaseHistoryState {
  /** The release whose history is shown (or being read). */
  tag: string | null;
  history: AuditHistoryView | null;
  loading: boolean;
  error: AppError | null;

  /** Reads the release's audit log again: the timeline, its chain, its signed head. */
  load: (tag: string) => Promise<void>;
  dismissError: () => void;
  reset: () => void;
}

const NOTHING_READ = { tag: null, history: null, loading: false, error: null };

/**
 * Step 6, the release's history (audit:history). Only the answer to the last
 * request is kept: reading it again for another tag drops an older answer
 * still on its way. The Verify store's `releaseHistory` slice.
 */
export function createReleaseHistorySlice(
  client: CountersignClient,
): StateCreator<ReleaseHistoryState, [], [], ReleaseHistoryState> {
  let generation = 0;
  return (set) => ({
    ...NOTHING_READ,

    async load(tag) {
      generation += 1;
      const ticket = generation;
      // The history shown stays while it is read again for the same tag.
      set((state) => ({
        tag,
        loading: true,
        error: null,
        history: state.tag === tag ? state.history : null,
      }));
      const outcome = await client.invoke('audit:history', { tag });
      if (ticket !== generation) return;
      if (outcome.ok) set({ loading: false, history: outcome.value });
      else set({ loading: false, error: outcome.error });
    },

    dismissError: () => set({ error: null }),

    reset() {
      generation += 1;
      set(NOTHING_READ);
    },
  });
}
