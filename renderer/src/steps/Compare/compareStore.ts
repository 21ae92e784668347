import { activeTransport } from '../../transport/activeTransport';
import { createCompareStore } from './createCompareStore';
import { followJobEvents } from '../../stores/jobsStore';

/** The one compare store of this window. */
export const useCompareStore = createCompareStore(activeTransport.client);

// Followed once, at module scope, from the window's single job-event subscription.
followJobEvents((event) => useCompareStore.getState().receiveJobEvent(event));
