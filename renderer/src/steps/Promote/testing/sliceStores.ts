import { create } from 'zustand';
import type { CountersignClient } from '../../../../../shared/api';
import { createPlanningSlice, type PlanningState } from '../planningSlice';
import {
  createPublicationSlice,
  type PublicationOptions,
  type PublicationState,
} from '../publicationSlice';

/** The planning slice alone, as a store, so its tests read its fields directly. */
export function createPromotePlanStore(client: CountersignClient) {
  return create<PlanningState>()(createPlanningSlice(client));
}

/** The publication slice alone, as a store, with what the Promote store does after it stubbed. */
export function createPromoteRunStore(client: CountersignClient, options?: PublicationOptions) {
  return create<PublicationState>()(createPublicationSlice(client, options));
}
