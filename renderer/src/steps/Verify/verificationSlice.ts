import type { StateCreator } from 'zustand';
import type { CountersignClient } from '../../../../shared/api';
import type { RepositoryVerification, VerifyRepoRequest } from '../../../../shared/verify';
import {
  createJobFollowSlice,
  JOB_IDLE,
  JOB_STARTED,
  jobSettled,
  type JobFollowSlice,
} from '../../stores/jobFollowSlice';
import { EMPTY_VERIFY_FORM, type VerifyForm } from './verifyForm';

/** The verification's job ("verify-repo": signatures, indexes, package hashes) comes from the slice. */
export interface VerificationState extends JobFollowSlice {
  /** The release whose review the last verification was checked against; null without one. */
  tag: string | null;
  /** What the last verification of this window found. */
  result: RepositoryVerification | null;
  /** What QA typed: kept while the window lives, so moving between steps loses nothing. */
  form: VerifyForm;

  /** Checks the repository the request names (by default apt-prod); true when it answered. */
  verify: (request: VerifyRepoRequest) => Promise<boolean>;
  setForm: (patch: Partial<VerifyForm>) => void;
  reset: () => void;
}

export interface VerificationOptions {
  /** A verification ended (whatever its verdict): it added a line to the release's audit log. */
  onVerified?: (tag: string) => void;
}

const NOTHING_RUN = {
  tag: null,
  result: null,
  form: EMPTY_VERIFY_FORM,
  ...JOB_IDLE,
} satisfies Partial<VerificationState>;

/**
 * Step 6, QA's check of apt-prod or any apt repository (verify:repo, with its
 * progress from job events of kind "verify-repo"), and the form that asks it. A failed verdict is a result, not an error:
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

    async verify(request) {
      if (get().running) return false;
      const ticket = generation;
      const tag = request.tag ?? null;
      set({ ...JOB_STARTED, tag, result: null });
      const outcome = await client.invoke('verify:repo', request);
      if (ticket !== generation) return false;
      set({ ...jobSettled(outcome), ...(outcome.ok ? { result: outcome.value } : {}) });
      // Only a run with the release's review adds a line to its audit log.
      if (outcome.ok && tag !== null) options.onVerified?.(tag);
      return outcome.ok;
    },

    setForm: (patch) => set((state) => ({ form: { ...state.form, ...patch } })),

    reset() {
      generation += 1;
      set(NOTHING_RUN);
    },
  });
}
