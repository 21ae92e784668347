import type { ArtifactComparison } from '../../../../shared/compare';
import { useCompareStore } from './compareStore';
import { useVerifiedTag } from '../../stores/useVerifiedTag';
import type { ComparisonState } from '../stepCatalog';
import { countNeedingReview } from './artifactTable';
import { useCompareLoad } from './useCompareLoad';

/** The tag this step is about: the one being compared, else the one verified in step 1. */
export function useCompareTag(): string | null {
  const verifiedTag = useVerifiedTag();
  const running = useCompareStore((state) => state.running);
  const runningTag = useCompareStore((state) => state.tag);
  return running ? runningTag : verifiedTag;
}

/** The artifacts the comparison of this release matched, for the Review step (null before one). */
export function useComparedArtifacts(tag: string | null): readonly ArtifactComparison[] | null {
  return useCompareStore((state) => (state.tag === tag ? (state.result?.artifacts ?? null) : null));
}

/**
 * What the comparison of the verified tag found. The saved comparison is read
 * as soon as the tag verifies, so Review opens without a visit to Compare.
 */
export function useComparisonState(): ComparisonState {
  const verifiedTag = useVerifiedTag();
  useCompareLoad(verifiedTag);
  return useCompareStore((state) => {
    if (verifiedTag === null || state.tag !== verifiedTag || state.result === null) return 'none';
    return countNeedingReview(state.result) > 0 ? 'differs' : 'identical';
  });
}
