import { activeTransport } from '../../transport/activeTransport';
import { followJobEvents } from '../../stores/jobsStore';
import { createPromotePlanStore } from './planningSlice';
import { createPromoteRunStore } from './publicationSlice';

/** The one promotion plan of this window: the packages chosen, the plan, the release key. */
export const usePromotePlanStore = createPromotePlanStore(activeTransport.client);

/** The one publication of this window; when apt-prod changes, the plan is made again. */
export const usePromoteRunStore = createPromoteRunStore(activeTransport.client, {
  onPublicationChanged: () => void usePromotePlanStore.getState().replan(),
});

// Followed once, at module scope, from the window's single job-event subscription.
followJobEvents((event) => {
  usePromotePlanStore.getState().receiveJobEvent(event);
  usePromoteRunStore.getState().receiveJobEvent(event);
});
