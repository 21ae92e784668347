import type { ArtifactComparison, CompareResult } from '../../../shared/compare';
import { CountersignError } from '../../../shared/errors';
import { readSavedComparison } from '../lib/reviewFolder/compareStore';

/** One differing artifact of a release, located. */
export interface ReviewTarget {
  reviewDir: string;
  comparison: CompareResult;
  row: ArtifactComparison;
}

export async function comparisonOf(reviewDir: string, tag: string): Promise<CompareResult> {
  const comparison = await readSavedComparison(reviewDir);
  if (!comparison) {
    throw new CountersignError(
      'NO_COMPARISON',
      `${tag} has not been compared yet, so there is nothing to review.`,
      'Run step 3 (Compare) first.',
    );
  }
  return comparison;
}

/** A release's review folder, its comparison, and one artifact of it. */
export async function locateTarget(
  reviewDir: string,
  tag: string,
  key: string,
): Promise<ReviewTarget> {
  const comparison = await comparisonOf(reviewDir, tag);
  const row = comparison.artifacts.find((artifact) => artifact.key === key);
  if (!row) {
    throw new CountersignError(
      'ARTIFACT_NOT_FOUND',
      `The comparison of ${tag} has no artifact ${JSON.stringify(key.slice(0, 200))}.`,
    );
  }
  return { reviewDir, comparison, row };
}
