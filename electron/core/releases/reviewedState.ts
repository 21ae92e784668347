import type { CompareResult } from '../../../shared/compare';
import type { ReleaseState } from '../../../shared/releases';
import { artifactStanding } from '../lib/reviewFolder/decisions';

/**
 * How many of the release's differing artifacts have every difference decided
 * (accepted or blocking), judged as `review:summary` judges them: each
 * artifact's saved report replayed against the audit log's decisions. An
 * artifact still waiting for its report is not decided. Artifacts only one
 * side has are not reviewed; an identical comparison has nothing to decide.
 */
export async function reviewedState(
  reviewDir: string,
  comparison: CompareResult,
): Promise<NonNullable<ReleaseState['reviewed']>> {
  const differing = comparison.artifacts.filter((artifact) => artifact.status === 'differs');
  let decided = 0;
  for (const row of differing) {
    const { verdict, counts } = await artifactStanding(reviewDir, row.key);
    if (verdict !== 'awaiting-report' && counts.unreviewed === 0) decided += 1;
  }
  return { decided, total: differing.length };
}
