import type { StateCreator } from 'zustand';
import type { CountersignClient } from '../../../../shared/api';
import type { RepositoryVerification } from '../../../../shared/verify';
import {
  createJobFollowSlice,
  JOB_IDLE,
  JOB_STARTED,
  jobSettled,
  type JobFollowSlice,
} from '../../stores/jobFollowSlice';

/** The verification's job ("verify-repo": signatures, indexes, package hashes) comes from the slice. */
export interface VerificationState extends JobFollowSlice {
  /** The release the last verification was checked against. */
  tag: string | null;
  /** What the last verification of this window found. */
  result: RepositoryVerification | null;

  /** Checks apt-prod against the release key and this release's review; true when it answered. */
  verify: (tag: string) => Promise<boolean>;
  reset: () => void;
}

export interface VerificationOptions {
  /** A verification ended (whatever its verdict): it added a line to the release's audit log. */
  onVerified?: (tag: string) => void;
}

const NOTHING_RUN = { tag: null, result: null, ...JOB_IDLE } satisfies Partial<VerificationState>;

/**
 * Step 6, QA's check of apt-prod (verify:repo, with its progress from job
 * events of kind "verify-repo"). A failed verdict is a result, not an error:
 * an error means the check itself could not run. The Verify store's
 * `verification` slice; built from a client so tests can hand it a fake engine.
 */
export function createVerificationSlice(
  client: CountersignClient,
  options: VerificationOptions = {},
): StateCreator<VerificationState, [], [], VerificationState> {
  let generation = 0;
  const followJob = createJobFollowSlice<VerificationState>(client, { kind: 'verify-repo' });

  return (set, get, store) => ({
    ...followJob(set, get, store),
    ...NOTHING_RUN,

    async verify(tag) {
      if (get().running) return false;
      const ticket = generation;
      set({ ...JOB_STARTED, tag, result: null });
      const outcome = await client.invoke('verify:repo', { tag });
      if (ticket !== generation) return false;
      set({ ...jobSettled(outcome), ...(outcome.ok ? { result: outcome.value } : {}) });
      if (outcome.ok) options.onVerified?.(tag);
      return outcome.ok;
    },

    reset() {
      generation += 1;
      set(NOTHING_RUN);
    },
  });
}
