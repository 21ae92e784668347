import { activeTransport } from '../transport/activeTransport';
import { createReleaseStore } from './createReleaseStore';

/** The one release store of this window, talking to the engine through the picked transport. */
export const useReleaseStore = createReleaseStore(activeTransport.client);
