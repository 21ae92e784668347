import type { CompareResult } from '../../../shared/compare';
import type { ReleaseState } from '../../../shared/releases';
import { artifactStanding } from '../lib/reviewFolder/decisions';
import { artifactApprovals } from '../lib/reviewFolder/decisionsApprovals';
import type { LoadedReviewPolicy } from '../lib/reviewers/knownReviewer';

/** The project's review policy and the release it is applied to. */
export interface ReviewGate {
  policy: LoadedReviewPolicy;
  release: { project: string; tag: string };
}

/**
 * How many of the release's differing artifacts have every difference decided
 * (accepted or blocking), judged as `review:summary` judges them: each
 * artifact's saved report replayed against the audit log's decisions. An
 * artifact still waiting for its report is not decided. Artifacts only one
 * side has are not reviewed; an identical comparison has nothing to decide.
 * Under a review policy an approved artifact is decided only when enough
 * reviewers approved it, as the promotion gate counts them.
 */
export async function reviewedState(
  reviewDir: string,
  comparison: CompareResult,
  gate: ReviewGate | null = null,
): Promise<NonNullable<ReleaseState['reviewed']>> {
  const differing = comparison.artifacts.filter((artifact) => artifact.status === 'differs');
  let decided = 0;
  for (const row of differing) {
    const { verdict, counts } = await artifactStanding(reviewDir, row.key);
    if (verdict === 'awaiting-report' || counts.unreviewed > 0) continue;
    if (gate && verdict === 'approved') {
      const approvals = await artifactApprovals(reviewDir, gate.policy, gate.release, row);
      if (approvals.missing > 0) continue;
    }
    decided += 1;
  }
  return { decided, total: differing.length };
}
