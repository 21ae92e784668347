import { useReviewStore } from '../steps/Review/reviewStore';
import { useReleaseStore } from '../stores/releaseStore';
import { useUiStore } from '../stores/uiStore';
import { activeTransport } from '../transport/activeTransport';
import { createBundleStore } from './createBundleStore';

/** The one store of this window for review from another machine. */
export const useBundleStore = createBundleStore(activeTransport.client, {
  switched() {
    useReviewStore.getState().reset();
    useUiStore.setState({ reviewKey: null });
    // The engine has no project open now (or a bundle no longer): the window reads that back.
    void useReleaseStore.getState().loadProject();
  },
  async imported(tag) {
    const review = useReviewStore.getState();
    await review.loadSummary(tag);
    await review.refresh();
  },
});
