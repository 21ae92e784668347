import type { ReviewerKeyInfo } from '../../../shared/reviewers';
import { countersignHome } from '../lib/project/countersignHome';
import type { LoadedProject } from '../lib/project/projectStore';
import {
  loadReviewerKey,
  readReviewerKey,
  reviewerKeyInfo,
  storeReviewerKey,
} from '../lib/reviewers/index';

const releaseKeyOf = (project: LoadedProject | null) =>
  project?.config.releaseKey?.fingerprint ?? null;

/**
 * Imports this machine's rebuilder key into the app's data folder, still
 * encrypted: v4 RSA ≥ 2048 or Ed25519, passphrase-protected, never the
 * project's release key (REBUILDER_KEY_IS_RELEASE_KEY). It never enters a
 * container: links are signed by Countersign after the build.
 */
export async function importRebuilderKey(
  armored: string,
  project: LoadedProject | null,
): Promise<ReviewerKeyInfo> {
  const key = await readReviewerKey(armored, {
    role: 'rebuilder',
    releaseKeyFingerprint: releaseKeyOf(project),
  });
  await storeReviewerKey(countersignHome(), key, 'rebuilder');
  return reviewerKeyInfo(key);
}

/** This machine's rebuilder key (never its secret part), or null when none is imported. */
export async function currentRebuilderKey(
  project: LoadedProject | null,
): Promise<ReviewerKeyInfo | null> {
  const key = await loadReviewerKey(countersignHome(), {
    role: 'rebuilder',
    releaseKeyFingerprint: releaseKeyOf(project),
  });
  return key ? reviewerKeyInfo(key) : null;
}
