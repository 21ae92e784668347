import type { ArtifactComparison, ArtifactStatus, CompareResult } from './compare';

/**
 * A comparison's counts, defined once so Compare, Review, the plan and the
 * releases overview say the same numbers. Every artifact that is not
 * identical needs a person: one that differs is reviewed difference by
 * difference; one only CI built is the supply-chain warning (nothing vouches
 * for its bytes, it is never approved); one only the rebuild made means CI's
 * release is incomplete.
 */
export interface ArtifactCounts {
  total: number;
  identical: number;
  differs: number;
  onlyCi: number;
  onlyLocal: number;
  /** differs + onlyCi + onlyLocal: the artifacts the Review step lists. */
  needsReview: number;
}

/** What an artifact CI published but the rebuild did not make is, in the words every step uses. */
export const CI_ONLY_PHRASE = 'built by CI from no source the rebuild made';

/** Counts the rows by status. */
export function artifactCounts(
  artifacts: readonly Pick<ArtifactComparison, 'status'>[],
): ArtifactCounts {
  const counts: ArtifactCounts = {
    total: artifacts.length,
    identical: 0,
    differs: 0,
    onlyCi: 0,
    onlyLocal: 0,
    needsReview: 0,
  };
  for (const artifact of artifacts) {
    if (artifact.status === 'identical') counts.identical += 1;
    else if (artifact.status === 'differs') counts.differs += 1;
    else if (artifact.status === 'only-ci') counts.onlyCi += 1;
    else counts.onlyLocal += 1;
  }
  counts.needsReview = counts.differs + counts.onlyCi + counts.onlyLocal;
  return counts;
}

/** The counts of a saved comparison, from its rows (never from a summary written beside them). */
export function comparisonCounts(result: Pick<CompareResult, 'artifacts'>): ArtifactCounts {
  return artifactCounts(result.artifacts);
}

/** The order a reviewer meets them: CI-only first (the warning), then differing, then rebuild-only. */
const REVIEW_ORDER: Record<ArtifactStatus, number> = {
  'only-ci': 0,
  differs: 1,
  'only-local': 2,
  identical: 3,
};

/** The rows that need a person, CI-only first; the order within a status is kept. */
export function rowsNeedingReview<Row extends Pick<ArtifactComparison, 'status'>>(
  artifacts: readonly Row[],
): Row[] {
  return artifacts
    .filter((artifact) => artifact.status !== 'identical')
    .map((artifact, index) => ({ artifact, index }))
    .sort(
      (a, b) =>
        REVIEW_ORDER[a.artifact.status] - REVIEW_ORDER[b.artifact.status] || a.index - b.index,
    )
    .map(({ artifact }) => artifact);
}

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString('en')} ${count === 1 ? one : many}`;

/**
 * The counts in one line, as Compare's verdict and Review's header both say
 * it: "2 artifacts need review: 1 built only by CI, 1 differs".
 */
export function countsSentence(counts: ArtifactCounts): string {
  if (counts.total === 0) return 'Neither side has any artifact: there is nothing to vouch for.';
  if (counts.needsReview === 0) return 'Everything CI built is identical to the rebuild';
  const parts = [
    counts.onlyCi > 0 ? `${counts.onlyCi.toLocaleString('en')} built only by CI` : '',
    counts.differs > 0 ? plural(counts.differs, 'differs', 'differ') : '',
    counts.onlyLocal > 0 ? `${counts.onlyLocal.toLocaleString('en')} only in the rebuild` : '',
  ].filter(Boolean);
  return `${plural(counts.needsReview, 'artifact needs', 'artifacts need')} review: ${parts.join(', ')}`;
}
