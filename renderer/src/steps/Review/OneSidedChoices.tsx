import './ciOnly.css';
import { artifactCounts, countsSentence } from '../../../../shared/artifactCounts';
import type { ArtifactComparison } from '../../../../shared/compare';
import { UntrustedText } from '../../components/UntrustedText';
import { formatCount } from '../../format/count';
import { REVIEW_LIST_LIMIT } from './reviewChoices';

/** How many of the release's artifacts need review, as Compare says it: one count for both steps. */
export function ReviewCounts({ comparisons }: { comparisons: readonly ArtifactComparison[] }) {
  const counts = artifactCounts(comparisons);
  return (
    <p
      className="review-counts"
      data-testid="review-counts"
      data-needs-review={counts.needsReview}
      data-only-ci={counts.onlyCi}
      data-differs={counts.differs}
    >
      {countsSentence(counts)}
    </p>
  );
}

/** The first rows of a kind, plus the selected one when it lies beyond them; the Compare table has them all. */
function Choices({
  rows,
  selectedKey,
  onSelect,
  testId,
}: {
  rows: readonly ArtifactComparison[];
  selectedKey: string | null;
  onSelect: (key: string) => void;
  testId: string;
}) {
  const listed = rows.slice(0, REVIEW_LIST_LIMIT);
  const selected = rows.find((row) => row.key === selectedKey);
  if (selected && !listed.includes(selected)) listed.push(selected);
  const unlisted = rows.length - listed.length;
  return (
    <>
      <ul className="review-choices__list">
        {listed.map((row) => (
          <li key={row.key}>
            <button
              type="button"
              className={`review-choice review-choice--${row.status}`}
              aria-current={row.key === selectedKey ? 'true' : undefined}
              data-testid={testId}
              data-key={row.key}
              onClick={() => onSelect(row.key)}
            >
              <span className="review-choice__name">
                <UntrustedText text={row.name} />
              </span>
            </button>
          </li>
        ))}
      </ul>
      {unlisted > 0 ? (
        <p className="review-choices__more">
          {formatCount(unlisted)} more are listed in the Compare step; choose one there.
        </p>
      ) : null}
    </>
  );
}

/**
 * The artifacts only one side has, beside the differing ones: what only CI
 * built first, as the warning it is (never approved, never promoted), then
 * what only the rebuild made (CI's release is incomplete). Each opens its own page.
 */
export function OneSidedChoices({
  comparisons,
  selectedKey,
  onSelect,
}: {
  comparisons: readonly ArtifactComparison[];
  selectedKey: string | null;
  onSelect: (key: string) => void;
}) {
  const ciOnly = comparisons.filter((row) => row.status === 'only-ci');
  const localOnly = comparisons.filter((row) => row.status === 'only-local');
  if (ciOnly.length === 0 && localOnly.length === 0) return null;
  return (
    <>
      {ciOnly.length > 0 ? (
        <nav
          className="panel review-choices review-choices--ci-only"
          aria-labelledby="review-ci-only-heading"
          data-testid="review-ci-only-list"
          data-count={ciOnly.length}
        >
          <div className="panel__header">
            <h2 className="panel__title" id="review-ci-only-heading">
              <span aria-hidden="true">⚠ </span>Built only by CI
            </h2>
            <span className="panel__count">
              {formatCount(ciOnly.length)} never approved, never promoted
            </span>
          </div>
          <Choices
            rows={ciOnly}
            selectedKey={selectedKey}
            onSelect={onSelect}
            testId="review-ci-only-choice"
          />
        </nav>
      ) : null}
      {localOnly.length > 0 ? (
        <nav
          className="panel review-choices"
          aria-labelledby="review-only-local-heading"
          data-testid="review-only-local-list"
          data-count={localOnly.length}
        >
          <div className="panel__header">
            <h2 className="panel__title" id="review-only-local-heading">
              Only in the rebuild
            </h2>
            <span className="panel__count">{formatCount(localOnly.length)} CI did not publish</span>
          </div>
          <Choices
            rows={localOnly}
            selectedKey={selectedKey}
            onSelect={onSelect}
            testId="review-only-local-choice"
          />
        </nav>
      ) : null}
    </>
  );
}
