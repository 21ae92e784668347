import { activeTransport } from '../../transport/activeTransport';
import { createRebuilderStore } from './createRebuilderStore';

/** The one rebuilder store of this window. */
export const useRebuilderStore = createRebuilderStore(activeTransport.client);
