import '../../styles/review.css';
import { useEffect, useMemo, useRef } from 'react';
import { useCompareStore } from '../../stores/compareStore';
import { useUiStore } from '../../stores/uiStore';
import { useCompareTag } from '../Compare/useCompareTag';
import { ReviewArtifact } from './ReviewArtifact';
import { ReviewChoiceList } from './ReviewChoiceList';
import { pickReviewArtifact, reviewChoices } from './reviewChoices';

/**
 * Step 4, for now only its landing: the artifact chosen in Compare with both
 * copies, and the others that need review. The diffoscope review comes next.
 */
export function ReviewStep() {
  const tag = useCompareTag();
  const result = useCompareStore((state) => (state.tag === tag ? state.result : null));
  const reviewKey = useUiStore((state) => state.reviewKey);
  const selectReviewArtifact = useUiStore((state) => state.selectReviewArtifact);
  const choices = useMemo(() => (result ? reviewChoices(result.artifacts) : []), [result]);
  const selected = pickReviewArtifact(choices, reviewKey);
  const heading = useRef<HTMLHeadingElement>(null);

  // Arriving from a row of the Compare table, whose focus went with it: focus lands on the artifact.
  useEffect(() => {
    if (document.activeElement === null || document.activeElement === document.body) {
      heading.current?.focus();
    }
  }, []);

  if (selected === null) {
    return (
      <div className="verdict-placeholder" data-testid="review-empty">
        Nothing to review: compare the artifacts in step 3 first.
      </div>
    );
  }
  return (
    <div className="review-step">
      <ReviewArtifact artifact={selected} headingRef={heading} />
      <ReviewChoiceList choices={choices} selected={selected} onSelect={selectReviewArtifact} />
    </div>
  );
}
