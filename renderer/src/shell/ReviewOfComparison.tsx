import { useComparedArtifacts, useCompareTag } from '../steps/Compare/useCompareTag';
import { ReviewStep } from '../steps/Review/ReviewStep';

/** The Review step, fed what the Compare step compared: steps never import each other, the shell joins them. */
export function ReviewOfComparison() {
  const tag = useCompareTag();
  const comparisons = useComparedArtifacts(tag);
  return <ReviewStep tag={tag} comparisons={comparisons} />;
}
