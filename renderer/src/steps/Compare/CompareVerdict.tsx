import { comparisonCounts, countsSentence } from '../../../../shared/artifactCounts';
import { versionMismatchSentence, type CompareResult } from '../../../../shared/compare';

/**
 * The one line a release manager reads first: all identical, how many need a
 * look (the counts Review and the overview use too), or, when CI published
 * another version of this release's source, that sentence instead.
 */
export function CompareVerdict({ result }: { result: CompareResult }) {
  const counts = comparisonCounts(result);
  const mismatch = result.versionMismatch ?? null;
  const ok = counts.needsReview === 0 && counts.total > 0 && mismatch === null;
  const verdict = mismatch ? 'version-mismatch' : ok ? 'identical' : 'review';
  return (
    <p
      className={`compare-verdict compare-verdict--${ok ? 'ok' : 'bad'}`}
      data-testid="compare-verdict"
      data-verdict={verdict}
      data-needs-review={counts.needsReview}
    >
      <span className="compare-verdict__icon" aria-hidden="true">
        {ok ? '✓' : '!'}
      </span>
      {mismatch
        ? versionMismatchSentence(mismatch, result.ci.kind === 'apt' ? 'apt-test' : 'CI')
        : countsSentence(counts)}
    </p>
  );
}
