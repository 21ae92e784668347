import { activeTransport } from '../transport/activeTransport';
import { createSetupStore } from './createSetupStore';

/** The one "New project…" store of this window. */
export const useSetupStore = createSetupStore(activeTransport.client);
