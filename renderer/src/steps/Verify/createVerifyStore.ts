import { create } from 'zustand';
import type { CountersignClient } from '../../../../shared/api';
import { sliceAt } from '../../stores/sliceAt';
import { createReleaseHistorySlice, type ReleaseHistoryState } from './releaseHistorySlice';
import { createVerificationSlice, type VerificationState } from './verificationSlice';

/** Step 6 in one store of two slices: the release's history, and QA's check of apt-prod. */
export interface VerifyState {
  releaseHistory: ReleaseHistoryState;
  verification: VerificationState;
}

/** Built from a client so tests can hand it a fake engine. */
export function createVerifyStore(client: CountersignClient) {
  return create<VerifyState>()((set, get, store) => ({
    ...sliceAt<VerifyState, 'releaseHistory'>('releaseHistory', createReleaseHistorySlice(client))(
      set,
      get,
      store,
    ),
    ...sliceAt<VerifyState, 'verification'>(
      'verification',
      createVerificationSlice(client, {
        // Each verification adds a line to the release's audit log: read the history again.
        onVerified: (tag) => void get().releaseHistory.load(tag),
      }),
    )(set, get, store),
  }));
}
