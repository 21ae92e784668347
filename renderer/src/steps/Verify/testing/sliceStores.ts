import { create } from 'zustand';
import type { CountersignClient } from '../../../../../shared/api';
import { createReleaseHistorySlice, type ReleaseHistoryState } from '../releaseHistorySlice';
import {
  createVerificationSlice,
  type VerificationOptions,
  type VerificationState,
} from '../verificationSlice';

/** The release-history slice alone, as a store, so its tests read its fields directly. */
export function createVerifyHistoryStore(client: CountersignClient) {
  return create<ReleaseHistoryState>()(createReleaseHistorySlice(client));
}

/** The verification slice alone, as a store, with what the Verify store does after it stubbed. */
export function createVerifyRunStore(client: CountersignClient, options?: VerificationOptions) {
  return create<VerificationState>()(createVerificationSlice(client, options));
}
