import { CountersignError } from '../../../shared/errors';
import type { ReviewerKeyInfo } from '../../../shared/reviewers';
import { countersignHome } from '../lib/project/countersignHome';
import type { ChannelHandlers, ProjectContext } from '../lib/project/projectContext';
import { releaseFolder } from '../lib/project/releaseFolder';
import type { LoadedProject } from '../lib/project/projectStore';
import {
  recordDecisions,
  reviewerDecisions,
  type DecisionSigner,
} from '../lib/reviewFolder/decisions';
import { artifactApprovals } from '../lib/reviewFolder/decisionsApprovals';
import {
  loadReviewerKey,
  readReviewerKey,
  reviewerDecisionView,
  reviewerKeyInfo,
  storeReviewerKey,
  withUnlockedReviewerKey,
  type ReviewerKey,
} from '../lib/reviewers/index';
import { locateTarget } from './reviewTarget';

const IMPORT_HINT =
  'Import your own signing key: countersign reviewer import-key FILE (gpg --armor --export-secret-keys FINGERPRINT > reviewer-key.asc), or in the Review step.';

/** This machine's reviewer key, checked as of now; null when none is imported. */
export function machineReviewerKey(project: LoadedProject | null): Promise<ReviewerKey | null> {
  return loadReviewerKey(countersignHome(), {
    releaseKeyFingerprint: project?.config.releaseKey?.fingerprint ?? null,
  });
}

/**
 * Runs `fn` with what signs decisions on this machine: the reviewer key,
 * unlocked by `passphrase` for this call only, when one is imported (the
 * passphrase is then required: WRONG_PASSPHRASE without it); null when none
 * is, unless the project has a review policy, which counts only signed
 * decisions (NO_REVIEWER_KEY).
 */
export async function reviewerSigning<T>(
  release: { project: LoadedProject | null; projectId: string; tag: string },
  passphrase: string | undefined,
  fn: (signer: DecisionSigner | null) => Promise<T>,
): Promise<T> {
  const { project, projectId, tag } = release;
  const key = await machineReviewerKey(project);
  if (!key) {
    if (project?.reviewPolicy) {
      throw new CountersignError(
        'NO_REVIEWER_KEY',
        `${project.config.name} has a review policy: only decisions signed by a pinned reviewer count, and this machine has no reviewer key.`,
        IMPORT_HINT,
      );
    }
    return fn(null);
  }
  return withUnlockedReviewerKey(key, passphrase ?? '', (unlocked) =>
    fn({ unlocked, project: projectId, tag }),
  );
}

/**
 * Imports a reviewer's secret key into this machine's data folder, still
 * encrypted, after every check of readReviewerKey (with the project's
 * release key, when one is known, refused as a reviewer key).
 */
export async function importReviewerKey(
  armored: string,
  project: LoadedProject | null,
): Promise<ReviewerKeyInfo> {
  const reviewerKey = await readReviewerKey(armored, {
    releaseKeyFingerprint: project?.config.releaseKey?.fingerprint ?? null,
  });
  await storeReviewerKey(countersignHome(), reviewerKey);
  return reviewerKeyInfo(reviewerKey);
}

/** This machine's reviewer key as the UI shows it, or null when none is imported. */
export async function currentReviewerKey(
  project: LoadedProject | null,
): Promise<ReviewerKeyInfo | null> {
  const key = await machineReviewerKey(project);
  return key ? reviewerKeyInfo(key) : null;
}

/** The reviewer's own channels, and the approval of a whole identical artifact. */
export function createReviewerHandlers({
  open,
}: Pick<ProjectContext, 'open'>): ChannelHandlers<
  'reviewer:current' | 'reviewer:importKey' | 'review:approveArtifact'
> {
  // A reviewer key belongs to the machine, not a project: none need be open.
  const openOrNull = () => open().catch(() => null);
  return {
    'reviewer:current': async () => currentReviewerKey(await openOrNull()),

    'reviewer:importKey': async ({ key }) => importReviewerKey(key, await openOrNull()),

    'review:approveArtifact': async ({ tag, key, comment, passphrase }) => {
      const project = await open();
      const found = await locateTarget(await releaseFolder(project, tag), tag, key);
      if (found.row.status !== 'identical') {
        throw new CountersignError(
          'INVALID_REQUEST',
          `${found.row.name} is not identical to the rebuild: accept its differences one by one instead.`,
        );
      }
      if (!(await machineReviewerKey(project))) {
        throw new CountersignError(
          'NO_REVIEWER_KEY',
          'Approving a whole artifact is a signed statement, and this machine has no reviewer key.',
          IMPORT_HINT,
        );
      }
      const release = { project, projectId: project.id, tag };
      const fingerprint = await reviewerSigning(release, passphrase, async (signer) => {
        await recordDecisions(
          found.reviewDir,
          {
            key: found.row.key,
            name: found.row.name,
            ciSha256: found.row.ci?.sha256 ?? null,
            localSha256: found.row.local?.sha256 ?? null,
          },
          null,
          [{ differenceId: null, decision: 'accepted', comment: comment.trim(), rule: null }],
          signer ?? undefined,
        );
        return signer?.unlocked.info.fingerprint ?? '';
      });
      const policy = project.reviewPolicy ?? null;
      const replayed = await reviewerDecisions(
        found.reviewDir,
        found.row.key,
        null,
        policy?.reviewers ?? null,
      );
      const mine = (replayed.get(null) ?? []).filter(
        (decision) => decision.signed?.reviewer === fingerprint,
      );
      const recorded = mine.at(-1);
      if (!recorded) throw new Error('the approval just recorded was not found in the audit log');
      return {
        decision: reviewerDecisionView(recorded),
        approvals: policy
          ? await artifactApprovals(
              found.reviewDir,
              policy,
              { project: project.id, tag },
              found.row,
            )
          : null,
      };
    },
  };
}
