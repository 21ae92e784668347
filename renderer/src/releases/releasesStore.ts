import type { ReleaseState } from '../../../shared/releases';
import { useReleaseStore } from '../stores/releaseStore';
import { useUiStore } from '../stores/uiStore';
import { activeTransport } from '../transport/activeTransport';
import { createReleasesStore } from './createReleasesStore';

/** The one releases store of this window. */
export const useReleasesStore = createReleasesStore(activeTransport.client);

// Choosing a step in the stepper leaves the overview for that step.
useUiStore.subscribe((state, previous) => {
  if (state.step !== previous.step) useReleasesStore.getState().close();
});

/**
 * Continues a release where it stopped: its tag chosen, verified again when a
 * later step needs it (the steps after the first open only for a tag verified
 * in this window), its next step shown and the overview closed. A release
 * with every step done opens at Verify, where its history is.
 */
export function continueRelease(release: Pick<ReleaseState, 'tag' | 'next'>): void {
  const releaseStore = useReleaseStore.getState();
  releaseStore.selectTag(release.tag);
  if (release.next !== 'tag') {
    releaseStore.setExpectedCommit('');
    void releaseStore.verifySelectedTag();
  }
  useUiStore.getState().showStep(release.next ?? 'verify');
  useReleasesStore.getState().close();
}
