import 'diff2html/bundles/css/diff2html.min.css';
import './review.css';
import { useEffect, useRef, type ReactNode } from 'react';
import type { ArtifactComparison } from '../../../../shared/compare';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useReviewStore } from './reviewStore';
import { useUiStore } from '../../stores/uiStore';
import { OneSidedArtifact } from './OneSidedArtifact';
import { CiOnlyArtifact } from './CiOnlyArtifact';
import { OneSidedChoices, ReviewCounts } from './OneSidedChoices';
import { rowsNeedingReview } from '../../../../shared/artifactCounts';
import { ReviewArtifactList } from './ReviewArtifactList';
import { pickArtifactKey } from './reviewChoices';
import { ReviewWorkspace } from './ReviewWorkspace';
import { ReviewerKeyPanel } from './ReviewerKeyPanel';
import { SignOffPanel } from './SignOffPanel';
import { ImportDecisionsPanel } from './ImportDecisionsPanel';

/**
 * Step 4: every differing artifact of the release and where it stands, and
 * the chosen one under review: diffoscope's tree, each difference's diff and
 * a decision on each. Artifacts only one side has are shown for what they are.
 * What was compared is the Compare step's: the shell hands it in.
 */
export function ReviewStep({
  tag,
  comparisons,
  standaloneFooter,
}: {
  /** The release compared (the one being compared, else the verified one). */
  tag: string | null;
  /** Its comparison's artifacts, or null before there is one. */
  comparisons: readonly ArtifactComparison[] | null;
  /**
   * Shown outside the walk (an opened review bundle): this instead of signing
   * off and importing others' decisions, and no way back to Compare.
   */
  standaloneFooter?: ReactNode;
}) {
  const chosenKey = useUiStore((state) => state.reviewKey);
  const selectReviewArtifact = useUiStore((state) => state.selectReviewArtifact);
  const summary = useReviewStore((state) => (state.tag === tag ? state.summary : null));
  const summaryError = useReviewStore((state) => state.summaryError);
  const summaryLoading = useReviewStore((state) => state.summaryLoading);
  const loadSummary = useReviewStore((state) => state.loadSummary);
  const openArtifact = useReviewStore((state) => state.openArtifact);
  // With nothing differing, what only one side has is still reviewed (CI-only first).
  const key =
    pickArtifactKey(summary, chosenKey) ??
    (comparisons ? (rowsNeedingReview(comparisons)[0]?.key ?? null) : null);
  const comparison: ArtifactComparison | undefined =
    key === null ? undefined : comparisons?.find((artifact) => artifact.key === key);
  const oneSided = comparison !== undefined && comparison.status !== 'differs';
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (tag !== null) void loadSummary(tag);
  }, [tag, loadSummary]);

  useEffect(() => {
    if (tag !== null && key !== null && !oneSided) void openArtifact(tag, key);
  }, [tag, key, oneSided, openArtifact]);

  // Arriving from a row of the Compare table, whose focus went with it: focus lands on the artifact.
  useEffect(() => {
    if (document.activeElement === null || document.activeElement === document.body) {
      heading.current?.focus();
    }
  }, []);

  if (tag === null) {
    return (
      <div className="verdict-placeholder" data-testid="review-empty">
        Nothing to review: verify the tag and compare the artifacts first.
      </div>
    );
  }

  const name =
    summary?.artifacts.find((artifact) => artifact.key === key)?.name ?? comparison?.name ?? '';

  return (
    <div className="review-step">
      {summaryError ? (
        <div className="review-step__error">
          <ErrorAlert error={summaryError} title="Could not read where the review stands" />
          <button type="button" className="button" onClick={() => void loadSummary(tag)}>
            Try again
          </button>
        </div>
      ) : null}
      <ReviewerKeyPanel />
      {comparisons ? <ReviewCounts comparisons={comparisons} /> : null}
      {summary && summary.artifacts.length > 0 ? (
        <ReviewArtifactList summary={summary} selectedKey={key} onSelect={selectReviewArtifact} />
      ) : null}
      {comparisons ? (
        <OneSidedChoices
          comparisons={comparisons}
          selectedKey={key}
          onSelect={selectReviewArtifact}
        />
      ) : null}
      {key === null ? (
        <div
          className={`verdict-placeholder${summaryLoading ? ' verdict-placeholder--busy' : ''}`}
          data-testid="review-empty"
        >
          {summaryLoading
            ? 'Reading where the review stands…'
            : 'No artifact differs: nothing to review.'}
        </div>
      ) : oneSided && comparison.status === 'only-ci' ? (
        <CiOnlyArtifact tag={tag} artifact={comparison} headingRef={heading} />
      ) : oneSided ? (
        <OneSidedArtifact artifact={comparison} headingRef={heading} />
      ) : (
        <ReviewWorkspace
          key={key}
          artifactKey={key}
          name={name}
          comparison={comparison}
          headingRef={heading}
          standalone={standaloneFooter !== undefined}
        />
      )}
      {standaloneFooter ?? (
        <>
          <SignOffPanel tag={tag} />
          <ImportDecisionsPanel tag={tag} />
        </>
      )}
    </div>
  );
}
