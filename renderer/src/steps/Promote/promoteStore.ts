import { activeTransport } from '../../transport/activeTransport';
import { followJobEvents } from '../../stores/jobsStore';
import { createPromoteStore } from './createPromoteStore';

/** The one promotion of this window: its plan, its release key and its publication. */
export const usePromoteStore = createPromoteStore(activeTransport.client);

// Followed once, at module scope, from the window's single job-event subscription.
followJobEvents((event) => {
  const { planning, publication } = usePromoteStore.getState();
  planning.receiveJobEvent(event);
  publication.receiveJobEvent(event);
});
