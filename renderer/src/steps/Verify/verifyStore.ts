import { activeTransport } from '../../transport/activeTransport';
import { followJobEvents } from '../../stores/jobsStore';
import { createVerifyStore } from './createVerifyStore';

/** The release's history and the one verification of apt-prod of this window. */
export const useVerifyStore = createVerifyStore(activeTransport.client);

// Followed once, at module scope, from the window's single job-event subscription.
followJobEvents((event) => useVerifyStore.getState().verification.receiveJobEvent(event));
