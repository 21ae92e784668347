import './ciOnly.css';
import type { Ref } from 'react';
import { CI_ONLY_PHRASE } from '../../../../shared/artifactCounts';
import type { ArtifactComparison } from '../../../../shared/compare';
import { UntrustedText } from '../../components/UntrustedText';
import { useUiStore } from '../../stores/uiStore';
import { ArtifactContentsPanel } from './ArtifactContentsPanel';
import { CopyFacts } from './CopyFacts';

/**
 * The page of a package only CI built: the supply-chain warning in full, CI's
 * copy, and what it holds (its control data and file list), since no diff
 * can explain a package the tagged source never builds.
 */
export function CiOnlyArtifact({
  tag,
  artifact,
  headingRef,
}: {
  tag: string;
  artifact: ArtifactComparison;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const showStep = useUiStore((state) => state.showStep);
  return (
    <section
      className="panel review-artifact ci-only-artifact"
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
        <span className="ci-only-badge" data-testid="ci-only-badge">
          <span aria-hidden="true">⚠ </span>Built only by CI
        </span>
      </div>
      <div className="ci-only-alarm" data-testid="review-ci-only-warning">
        <p className="ci-only-alarm__title">This package was {CI_ONLY_PHRASE}.</p>
        <p>
          CI published it, but the tagged source does not build it, so nothing vouches for its
          bytes: it may have been slipped into CI’s build. It has no diff to review, it is never
          approved and never promoted. Read what it holds below, and find out who added it to CI.
        </p>
      </div>
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
          missing="The rebuild did not produce this package: the tagged source does not build it."
          testId="review-local"
        />
      </div>
      {artifact.ci?.deb ? (
        <ArtifactContentsPanel tag={tag} artifactKey={artifact.key} />
      ) : (
        <p className="artifact-contents__note">
          It is not a Debian package, so there is no control data or file list to read.
        </p>
      )}
      <div className="review-artifact__actions">
        <button type="button" className="button" onClick={() => showStep('compare')}>
          Back to Compare
        </button>
      </div>
    </section>
  );
}
