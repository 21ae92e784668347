import { activeTransport } from '../../transport/activeTransport';
import { createRebuildStore } from './createRebuildStore';
import { followJobEvents } from '../../stores/jobsStore';

/** The one rebuild store of this window. */
export const useRebuildStore = createRebuildStore(activeTransport.client);

// Followed once, at module scope, from the window's single job-event subscription.
followJobEvents((event) => useRebuildStore.getState().receiveJobEvent(event));
