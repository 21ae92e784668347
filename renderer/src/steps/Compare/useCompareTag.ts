import { useCompareStore } from '../../stores/compareStore';
import { useVerifiedTag } from '../useVerifiedTag';
import type { ComparisonState } from '../stepCatalog';
import { countNeedingReview } from './artifactTable';

/** The tag this step is about: the one being compared, else the one verified in step 1. */
export function useCompareTag(): string | null {
  const verifiedTag = useVerifiedTag();
  const running = useCompareStore((state) => state.running);
  const runningTag = useCompareStore((state) => state.tag);
  return running ? runningTag : verifiedTag;
}

/** What the comparison of the verified tag found, as far as this window knows. */
export function useComparisonState(): ComparisonState {
  const verifiedTag = useVerifiedTag();
  return useCompareStore((state) => {
    if (verifiedTag === null || state.tag !== verifiedTag || state.result === null) return 'none';
    return countNeedingReview(state.result.summary) > 0 ? 'differs' : 'identical';
  });
}
