import { create } from 'zustand';
import type { CountersignClient } from '../../../../shared/api';
import { sliceAt } from '../../stores/sliceAt';
import { createPlanningSlice, type PlanningState } from './planningSlice';
import { createPublicationSlice, type PublicationState } from './publicationSlice';

/**
 * Step 5 in one store of two slices, each following its own job: the plan
 * (nothing written yet) and the publication that writes apt-prod.
 */
export interface PromoteState {
  planning: PlanningState;
  publication: PublicationState;
}

/** Built from a client so tests can hand it a fake engine. */
export function createPromoteStore(client: CountersignClient) {
  return create<PromoteState>()((set, get, store) => ({
    ...sliceAt<PromoteState, 'planning'>('planning', createPlanningSlice(client))(set, get, store),
    ...sliceAt<PromoteState, 'publication'>(
      'publication',
      createPublicationSlice(client, {
        // apt-prod changed (published or rolled back): the plan shown is out of date.
        onPublicationChanged: () => void get().planning.replan(),
      }),
    )(set, get, store),
  }));
}
