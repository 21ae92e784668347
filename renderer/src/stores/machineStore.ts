import { activeTransport } from '../transport/activeTransport';
import { createMachineStore } from './createMachineStore';

/** The one machine store of this window. */
export const useMachineStore = createMachineStore(activeTransport.client);
