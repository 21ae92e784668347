import type { StateCreator } from 'zustand';
import type { CountersignClient } from '../../../../shared/api';
import type { AppError } from '../../../../shared/errors';
import type {
  PromotionResult,
  RollbackResult,
  RunPromotionRequest,
} from '../../../../shared/promote';
import {
  createJobFollowSlice,
  JOB_IDLE,
  JOB_STARTED,
  jobSettled,
  type JobFollowSlice,
} from '../../stores/jobFollowSlice';

/** The publication's job ("promote": pool, indexes, sign, switch, cleanup) comes from the slice. */
export interface PublicationState extends JobFollowSlice {
  /** The release of the last publication asked for. */
  tag: string | null;
  /** What the last publication of this window did. */
  result: PromotionResult | null;
  rollingBack: boolean;
  rollbackError: AppError | null;
  rollbackResult: RollbackResult | null;

  /**
   * Signs and publishes the plan the request names; true when published. The
   * passphrase travels in the request to the engine and is never kept here.
   */
  publish: (request: RunPromotionRequest) => Promise<boolean>;
  /** Switches apt-prod back to the publication before the current one; true when done. */
  rollback: (tag: string) => Promise<boolean>;
  dismissRollbackError: () => void;
  reset: () => void;
}

export interface PublicationOptions {
  /** apt-prod changed (published or rolled back): the plan shown is out of date. */
  onPublicationChanged?: () => void;
}

const NOTHING_RUN = {
  tag: null,
  result: null,
  rollingBack: false,
  rollbackError: null,
  rollbackResult: null,
  ...JOB_IDLE,
} satisfies Partial<PublicationState>;

/**
 * Step 5, the writing part: the publication (promote:run, with its progress
 * from job events of kind "promote"), its result, and the rollback
 * (promote:rollback). The Promote store's `publication` slice; built from a
 * client so tests can hand it a fake engine.
 */
export function createPublicationSlice(
  client: CountersignClient,
  options: PublicationOptions = {},
): StateCreator<PublicationState, [], [], PublicationState> {
  let generation = 0;
  const followJob = createJobFollowSlice<PublicationState>(client, { kind: 'promote' });

  return (set, get, store) => ({
    ...followJob(set, get, store),
    ...NOTHING_RUN,

    async publish(request) {
      const state = get();
      if (state.running || state.rollingBack) return false;
      const ticket = generation;
      set({
        ...JOB_STARTED,
        tag: request.tag,
        result: null,
        rollbackResult: null,
        rollbackError: null,
      });
      const outcome = await client.invoke('promote:run', request);
      if (ticket !== generation) return false;
      set({ ...jobSettled(outcome), ...(outcome.ok ? { result: outcome.value } : {}) });
      if (outcome.ok) options.onPublicationChanged?.();
      return outcome.ok;
    },

    async rollback(tag) {
      const state = get();
      if (state.running || state.rollingBack) return false;
      const ticket = generation;
      set({ rollingBack: true, rollbackError: null, rollbackResult: null, error: null });
      const outcome = await client.invoke('promote:rollback', { tag });
      if (ticket !== generation) return false;
      if (!outcome.ok) {
        set({ rollingBack: false, rollbackError: outcome.error });
        return false;
      }
      // The result stays, to be read as what was rolled back.
      set({ rollingBack: false, rollbackResult: outcome.value, tag });
      options.onPublicationChanged?.();
      return true;
    },

    dismissRollbackError: () => set({ rollbackError: null }),

    reset() {
      generation += 1;
      set(NOTHING_RUN);
    },
  });
}
