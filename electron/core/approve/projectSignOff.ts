import type { SignOffRequest, SignOffResult } from '../../../shared/approvals';
import { CountersignError } from '../../../shared/errors';
import { countersignHome } from '../lib/project/countersignHome';
import { releaseFolder } from '../lib/project/releaseFolder';
import type { LoadedProject } from '../lib/project/projectStore';
import { readSavedComparison } from '../lib/reviewFolder/compareStore';
import { loadReviewerKey, withUnlockedReviewerKey } from '../lib/reviewers/index';
import { reviewerApproves } from './reviewerApproves';
import { reviewerSigner } from './reviewerSigner';
import { signOff } from './signOff';

/**
 * `review:signOff` and `countersign review sign-off`: this machine's reviewer
 * signs off on a release of the project with their own key, unlocked with
 * their passphrase for this signature only. Refused unless the project has a
 * review policy that pins this reviewer, unrevoked: a sign-off by anyone
 * else would never be published.
 */
export async function signOffRelease(
  project: LoadedProject,
  request: SignOffRequest,
): Promise<SignOffResult> {
  const { tag } = request;
  const loaded = project.reviewPolicy;
  if (!loaded) {
    throw new CountersignError(
      'INVALID_PROJECT',
      `Project ${project.config.name} has no review policy, so no approval of its releases is published.`,
      'Add a reviewPolicy to project.json (its reviewers and how many must approve), then sign off.',
    );
  }
  const date = new Date();
  const key = await loadReviewerKey(countersignHome(), {
    date,
    releaseKeyFingerprint: project.config.releaseKey?.fingerprint ?? null,
  });
  if (!key) {
    throw new CountersignError(
      'NO_REVIEWER_KEY',
      'No reviewer key is imported on this machine.',
      'Import your own key first: countersign reviewer import-key FILE (or the Review step in the app).',
    );
  }
  const fingerprint = key.info.fingerprint;
  const pinned = loaded.reviewers.find((reviewer) => reviewer.fingerprint === fingerprint);
  if (!pinned || pinned.revoked) {
    throw new CountersignError(
      'KEY_CANNOT_SIGN',
      pinned
        ? `Reviewer ${pinned.name} (${fingerprint}) is revoked in project ${project.config.name}'s review policy: their approval would not count.`
        : `Your reviewer key ${fingerprint} is not one project ${project.config.name}'s review policy pins: your approval would not count.`,
      'Ask the release manager to pin your key in project.json, then sign off.',
    );
  }
  const reviewDir = await releaseFolder(project, tag);
  const comparison = await readSavedComparison(reviewDir);
  const approves = comparison
    ? reviewerApproves({ reviewDir, project: project.id, tag, loaded, fingerprint, comparison })
    : () => Promise.resolve(false);
  return withUnlockedReviewerKey(key, request.passphrase, async (unlocked) =>
    signOff({
      reviewDir,
      tag,
      signer: await reviewerSigner(unlocked.key, date),
      approves,
      identicalNeedsApproval: loaded.policy.identicalThreshold > 0,
    }),
  );
}
