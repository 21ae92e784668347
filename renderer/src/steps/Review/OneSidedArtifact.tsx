import type { Ref } from 'react';
import type { ArtifactComparison } from '../../../../shared/compare';
import { UntrustedText } from '../../components/UntrustedText';
import { useUiStore } from '../../stores/uiStore';
import { ArtifactStatusLabel } from '../../components/ArtifactStatusLabel';
import { CopyFacts } from './CopyFacts';

const WHAT_IT_MEANS: Record<'only-ci' | 'only-local', string> = {
  'only-ci':
    'CI published this artifact, but the rebuild did not produce it: nothing vouches for its bytes, so it is never approved and never promoted. There is nothing to compare it with.',
  'only-local':
    'The rebuild produced this artifact, but CI did not publish it: check whether CI’s release is complete. There is nothing to compare it with.',
};

/** An artifact only one side has: both sides' facts, and plainly why there is no diff to review. */
export function OneSidedArtifact({
  artifact,
  headingRef,
}: {
  artifact: ArtifactComparison;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const showStep = useUiStore((state) => state.showStep);
  const meaning =
    artifact.status === 'only-ci' || artifact.status === 'only-local'
      ? WHAT_IT_MEANS[artifact.status]
      : 'Both sides hold the same bytes.';
  return (
    <section
      className="panel review-artifact"
      aria-labelledby="review-heading"
      data-testid="review-artifact"
      data-key={artifact.key}
      data-status={artifact.status}
    >
      <div className="panel__header">
        <h2
          className="panel__title review-artifact__name"
          id="review-heading"
          tabIndex={-1}
          ref={headingRef}
          data-testid="review-artifact-name"
        >
          <UntrustedText text={artifact.name} />
        </h2>
        <ArtifactStatusLabel status={artifact.status} />
      </div>
      <p className="review-artifact__meaning" data-testid="review-one-sided">
        {meaning}
      </p>
      <div className="review-copies__sides">
        <CopyFacts
          title="CI’s copy"
          copy={artifact.ci}
          missing="CI did not publish this artifact."
          testId="review-ci"
        />
        <CopyFacts
          title="The rebuild’s copy"
          copy={artifact.local}
          missing="The rebuild did not produce this artifact."
          testId="review-local"
        />
      </div>
      <div className="review-artifact__actions">
        <button type="button" className="button" onClick={() => showStep('compare')}>
          Back to Compare
        </button>
      </div>
    </section>
  );
}
