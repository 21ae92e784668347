import { activeTransport } from '../../transport/activeTransport';
import { followJobEvents } from '../../stores/jobsStore';
import { createVerifyHistoryStore } from './releaseHistorySlice';
import { createVerifyRunStore } from './verificationSlice';

/** The release's history of this window: its timeline, chain and signed head. */
export const useVerifyHistoryStore = createVerifyHistoryStore(activeTransport.client);

/** The one verification of apt-prod of this window; each one is a new line of the history. */
export const useVerifyRunStore = createVerifyRunStore(activeTransport.client, {
  onVerified: (tag) => void useVerifyHistoryStore.getState().load(tag),
});

// Followed once, at module scope, from the window's single job-event subscription.
followJobEvents((event) => useVerifyRunStore.getState().receiveJobEvent(event));
