import type { ReleaseState } from '../../../shared/releases';
import { useReleasesStore } from '../releases/releasesStore';
import { useCompareStore } from '../steps/Compare/compareStore';
import { usePromoteStore } from '../steps/Promote/promoteStore';
import { useRebuildStore } from '../steps/Rebuild/rebuildStore';
import { useReviewStore } from '../steps/Review/reviewStore';
import { useVerifyStore } from '../steps/Verify/verifyStore';
import type { StepId } from '../steps/stepCatalog';
import { releaseTagOf } from '../stores/createReleaseStore';
import { followJobEvents } from '../stores/jobsStore';
import { preferredReleaseTag, recordedVerifications } from '../stores/releaseChoice';
import { useReleaseStore } from '../stores/releaseStore';
import { useUiStore } from '../stores/uiStore';
import { rememberedRelease, rememberedStep, rememberRelease, rememberStep } from './releaseMemory';

/*
 * The window reads a release's state back from its review folder
 * (releases:list), so a reload, or a tag that is refused, forgets nothing:
 * when a project opens, the release chosen last (else the newest) is chosen
 * again, the steps its record allows open at once, its tag is verified again
 * quietly (a refusal now locks them again), and the step shown before the
 * reload comes back. Subscribed once, at module scope.
 */

let restoring = 0;

/** A step that can be shown for this release without first doing an earlier one. */
function reachable(step: StepId, release: ReleaseState): boolean {
  if (step === 'tag') return true;
  if (!release.tagVerified) return false;
  if (step !== 'review') return true;
  return release.compared !== null && release.compared.differ + release.compared.onlyCi > 0;
}

async function restoreRelease(projectId: string): Promise<void> {
  const ticket = ++restoring;
  useReleaseStore.getState().forgetTags();
  await useReleasesStore.getState().load();
  if (ticket !== restoring) return;
  const releases = useReleasesStore.getState().overview?.releases ?? [];
  const store = useReleaseStore.getState();
  store.recordVerifiedTags(recordedVerifications(releases));
  // Only the choice made for the user at load (or none) gives way to the one remembered.
  const chosenAtLoad = preferredReleaseTag([], store.project?.tags ?? [], null);
  const current = store.selectedTag.trim();
  if (current === '' || current === chosenAtLoad) {
    const tag = preferredReleaseTag(
      releases,
      store.project?.tags ?? [],
      rememberedRelease(projectId),
    );
    if (tag !== null && tag !== current) store.selectTag(tag);
  }
  const chosen = useReleaseStore.getState().selectedTag.trim();
  const record = releases.find((release) => release.tag === chosen);
  if (!record?.tagVerified) return;
  const step = rememberedStep(projectId);
  if (step !== null && useUiStore.getState().step === 'tag' && reachable(step, record)) {
    useUiStore.getState().showStep(step);
  }
  // The record opened the steps; a fresh verdict confirms it (or locks them, if it no longer holds).
  if (!useReleaseStore.getState().verifying) void useReleaseStore.getState().verifySelectedTag();
}

const projectIdOf = () => useReleaseStore.getState().project?.id ?? null;

useReleaseStore.subscribe((state, previous) => {
  const id = state.project?.id ?? null;
  if (id !== null && id !== (previous.project?.id ?? null)) void restoreRelease(id);
  const tag = releaseTagOf(state);
  if (id !== null && tag !== null && tag !== releaseTagOf(previous)) rememberRelease(id, tag);
  // A verification that ended may have started the release's record.
  if (previous.verifying && !state.verifying) refreshRecord();
});

let refreshTimer: ReturnType<typeof setTimeout> | null = null;

/** Reads the releases again soon, once for a burst of changes. */
function refreshRecord(): void {
  if (projectIdOf() === null) return;
  if (refreshTimer !== null) clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    void useReleasesStore.getState().load();
  }, 150);
}

// Work that ends changes what the review folder records.
followJobEvents((event) => {
  if (event.state === 'succeeded' || event.state === 'failed') refreshRecord();
});
// A decision in review changes its count.
useReviewStore.subscribe((state, previous) => {
  if (state.summary !== previous.summary) refreshRecord();
});

/** Alerts belong to the step that raised them: leaving it clears them. */
function clearStepAlerts(): void {
  const release = useReleaseStore.getState();
  release.dismissError('verify');
  release.dismissError('signers');
  useRebuildStore.getState().dismissError();
  useCompareStore.getState().dismissError();
  useReviewStore.getState().dismissDecideError();
  const promote = usePromoteStore.getState();
  promote.planning.dismissError();
  promote.publication.dismissError();
  promote.publication.dismissRollbackError();
  const verify = useVerifyStore.getState();
  verify.releaseHistory.dismissError();
  verify.verification.dismissError();
}

useUiStore.subscribe((state, previous) => {
  if (state.step === previous.step) return;
  clearStepAlerts();
  const id = projectIdOf();
  if (id !== null) rememberStep(id, state.step);
  refreshRecord();
});
