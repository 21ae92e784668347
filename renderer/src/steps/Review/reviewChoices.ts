import type { ReviewSummary } from '../../../../shared/review';

/** How many artifacts the list shows at once; the Compare table has them all. */
export const REVIEW_LIST_LIMIT = 200;

type SummaryArtifact = ReviewSummary['artifacts'][number];

/** The artifact chosen (in Compare or the list), else the first that is not approved yet. */
export function pickArtifactKey(
  summary: ReviewSummary | null,
  chosen: string | null,
): string | null {
  if (chosen !== null) return chosen;
  if (summary === null) return null;
  const open = summary.artifacts.find((artifact) => artifact.verdict !== 'approved');
  return (open ?? summary.artifacts[0])?.key ?? null;
}

/** The first `limit` artifacts, plus the selected one when it lies beyond them. */
export function listedArtifacts(
  artifacts: readonly SummaryArtifact[],
  selectedKey: string | null,
  limit: number = REVIEW_LIST_LIMIT,
): SummaryArtifact[] {
  const listed = artifacts.slice(0, limit);
  const selected = artifacts.find((artifact) => artifact.key === selectedKey);
  if (selected && !listed.includes(selected)) listed.push(selected);
  return listed;
}
