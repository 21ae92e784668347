import { useReleasesStore } from '../releases/releasesStore';
import { followJobEvents } from '../stores/jobsStore';
import { useReleaseStore } from '../stores/releaseStore';
import { useUiStore } from '../stores/uiStore';
import { activeTransport } from '../transport/activeTransport';
import { createStartStore } from './createStartStore';

/**
 * A newly opened project starts on the Tag step (not the previous project's
 * overview), with nothing of its tag left selected, and the window's project reloaded.
 */
async function reloadOpenedProject(): Promise<void> {
  useReleaseStore.setState({
    selectedTag: '',
    expectedCommit: '',
    verdict: null,
    verdictRequest: null,
  });
  useUiStore.getState().showStep('tag');
  useReleasesStore.getState().close();
  await useReleaseStore.getState().loadProject();
}

/** The one start-screen store of this window. */
export const useStartStore = createStartStore(activeTransport.client, reloadOpenedProject);

// Followed once, at module scope, from the window's single job-event subscription.
followJobEvents((event) => useStartStore.getState().receiveJobEvent(event));
