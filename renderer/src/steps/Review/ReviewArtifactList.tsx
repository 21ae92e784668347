import type { ReviewSummary } from '../../../../shared/review';
import { UntrustedText } from '../../components/UntrustedText';
import { formatCount } from '../../format/count';
import { listedArtifacts } from './reviewChoices';
import { VerdictLabel } from './VerdictLabel';

/** The release's differing artifacts and where each stands; choosing one opens it below. */
export function ReviewArtifactList({
  summary,
  selectedKey,
  onSelect,
}: {
  summary: ReviewSummary;
  selectedKey: string | null;
  onSelect: (key: string) => void;
}) {
  const listed = listedArtifacts(summary.artifacts, selectedKey);
  const unlisted = summary.artifacts.length - listed.length;
  // Under a review policy, an artifact whose decisions all accept it still waits for k reviewers.
  const awaiting = (artifact: (typeof summary.artifacts)[number]) =>
    (artifact.approvals?.missing ?? 0) > 0;
  const approved = summary.artifacts.filter(
    (artifact) => artifact.verdict === 'approved' && !awaiting(artifact),
  ).length;
  return (
    <nav
      className="panel review-choices"
      aria-labelledby="review-choices-heading"
      data-testid="review-summary"
      data-approved={summary.approved}
    >
      <div className="panel__header">
        <h2 className="panel__title" id="review-choices-heading">
          Differing artifacts
        </h2>
        <span className="panel__count" data-testid="review-summary-count">
          {`${formatCount(approved)} of ${formatCount(summary.artifacts.length)} approved`}
        </span>
      </div>
      <ul className="review-choices__list">
        {listed.map((artifact) => (
          <li key={artifact.key}>
            <button
              type="button"
              className="review-choice"
              aria-current={artifact.key === selectedKey ? 'true' : undefined}
              data-testid="review-choice"
              data-key={artifact.key}
              data-verdict={artifact.verdict}
              onClick={() => onSelect(artifact.key)}
            >
              <span className="review-choice__name">
                <UntrustedText text={artifact.name} />
              </span>
              <VerdictLabel verdict={artifact.verdict} />
              {artifact.approvals ? (
                <span
                  className="review-choice__approvals"
                  data-testid="review-choice-approvals"
                  data-missing={artifact.approvals.missing}
                >
                  {`${formatCount(artifact.approvals.needed - artifact.approvals.missing)} of ${formatCount(artifact.approvals.needed)} approvals${
                    artifact.approvals.missing > 0
                      ? ` — ${formatCount(artifact.approvals.missing)} missing`
                      : ''
                  }`}
                </span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
      {unlisted > 0 ? (
        <p className="review-choices__more">
          {formatCount(unlisted)} more are listed in the Compare step; choose one there.
        </p>
      ) : null}
    </nav>
  );
}
