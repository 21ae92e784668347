import { CountersignError } from '../../../shared/errors';
import { reviewerSigner } from '../approve/index';
import { countersignHome } from '../lib/project/countersignHome';
import { releaseFolder } from '../lib/project/releaseFolder';
import type { LoadedProject } from '../lib/project/projectStore';
import { loadReviewerKey, withUnlockedReviewerKey } from '../lib/reviewers/index';
import { signRebuildLinks, type RebuildLinksResult } from './signRebuildLinks';

/**
 * `countersign rebuilder attest`: this machine vouches, with its own rebuilder
 * key (unlocked for these signatures only), for every package of the release
 * its rebuild reproduced. Refused when the project pins rebuilders and this
 * key is not one of them, unrevoked: apt would never count its links.
 */
export async function attestRebuild(
  project: LoadedProject,
  request: { tag: string; passphrase: string; out?: string },
): Promise<RebuildLinksResult> {
  const date = new Date();
  const key = await loadReviewerKey(countersignHome(), {
    role: 'rebuilder',
    date,
    releaseKeyFingerprint: project.config.releaseKey?.fingerprint ?? null,
  });
  if (!key) {
    throw new CountersignError(
      'NO_REBUILDER_KEY',
      'No rebuilder key is imported on this machine.',
      'Import this machine’s own signing key first: countersign rebuilder import-key FILE',
    );
  }
  const policy = project.config.rebuilders;
  const pinned = policy?.rebuilders.find((one) => one.fingerprint === key.info.fingerprint);
  if (policy && (!pinned || pinned.revoked)) {
    throw new CountersignError(
      'UNKNOWN_REBUILDER',
      pinned
        ? `Rebuilder ${pinned.name} (${key.info.fingerprint}) is revoked in project ${project.config.name}: apt would not count its links.`
        : `This machine's rebuilder key ${key.info.fingerprint} is not one project ${project.config.name} pins: apt would not count its links.`,
      'Ask the release manager to pin this rebuilder’s public key under rebuilders in project.json.',
    );
  }
  const reviewDir = await releaseFolder(project, request.tag);
  return withUnlockedReviewerKey(key, request.passphrase, async (unlocked) =>
    signRebuildLinks({
      reviewDir,
      tag: request.tag,
      signer: await reviewerSigner(unlocked.key, date),
      ...(request.out ? { out: request.out } : {}),
    }),
  );
}
