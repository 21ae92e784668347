import type { ArtifactComparison } from '../../../../shared/compare';
import { DEFAULT_SORT, needsReview, sortArtifacts } from '../Compare/artifactTable';

/** How many artifacts the Review step lists at once; the Compare table has them all. */
export const REVIEW_LIST_LIMIT = 200;

/** The artifacts that need review, differing ones first, as the Compare table orders them. */
export function reviewChoices(artifacts: readonly ArtifactComparison[]): ArtifactComparison[] {
  return sortArtifacts(artifacts.filter(needsReview), DEFAULT_SORT);
}

/** The artifact chosen (by key) if it still needs review, else the first that does. */
export function pickReviewArtifact(
  choices: readonly ArtifactComparison[],
  key: string | null,
): ArtifactComparison | null {
  return choices.find((choice) => choice.key === key) ?? choices[0] ?? null;
}

/** The first `limit` choices, plus the selected one when it lies beyond them. */
export function listedChoices(
  choices: readonly ArtifactComparison[],
  selected: ArtifactComparison | null,
  limit: number = REVIEW_LIST_LIMIT,
): ArtifactComparison[] {
  const listed = choices.slice(0, limit);
  if (selected && !listed.includes(selected)) listed.push(selected);
  return listed;
}
