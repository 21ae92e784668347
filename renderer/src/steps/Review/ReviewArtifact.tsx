import type { Ref } from 'react';
import type { ArtifactComparison } from '../../../../shared/compare';
import { UntrustedText } from '../../components/UntrustedText';
import { useUiStore } from '../../stores/uiStore';
import { ArtifactStatusLabel } from '../Compare/ArtifactStatusLabel';
import { CopyFacts } from './CopyFacts';

const WHAT_IT_MEANS: Record<ArtifactComparison['status'], string> = {
  differs:
    'CI’s copy and the rebuild’s copy have different bytes. Until each difference is explained, CI’s copy is not proven to come from the tagged source.',
  'only-ci':
    'CI published this artifact, but the rebuild did not produce it: nothing vouches for its bytes.',
  'only-local':
    'The rebuild produced this artifact, but CI did not publish it: check whether CI’s release is complete.',
  identical: 'Both sides hold the same bytes.',
};

/** The artifact under review: both copies side by side, and plainly what is not done yet. */
export function ReviewArtifact({
  artifact,
  headingRef,
}: {
  artifact: ArtifactComparison;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const showStep = useUiStore((state) => state.showStep);
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
      <p className="review-artifact__meaning">{WHAT_IT_MEANS[artifact.status]}</p>

      <div className="review-artifact__copies">
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

      <div className="review-notice" data-testid="review-not-yet">
        <p>
          <strong>The file-by-file review is not here yet.</strong> It comes with the diffoscope
          step, which will show what differs inside these files so that each difference can be
          explained or refused. Nothing has been reviewed or approved.
        </p>
      </div>

      <div className="review-artifact__actions">
        <button type="button" className="button" onClick={() => showStep('compare')}>
          Back to Compare
        </button>
      </div>
    </section>
  );
}
