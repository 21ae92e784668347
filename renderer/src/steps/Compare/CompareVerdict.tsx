import type { CompareResult } from '../../../../shared/compare';
import { countNeedingReview } from './artifactTable';
import { formatCount } from '../../format/count';

/** The one line a release manager reads first: all identical, or how many need a look. */
export function CompareVerdict({ result }: { result: CompareResult }) {
  const needing = countNeedingReview(result.summary);
  const empty = result.artifacts.length === 0;
  const ok = needing === 0 && !empty;
  return (
    <p
      className={`compare-verdict compare-verdict--${ok ? 'ok' : 'bad'}`}
      data-testid="compare-verdict"
      data-verdict={ok ? 'identical' : 'review'}
    >
      <span className="compare-verdict__icon" aria-hidden="true">
        {ok ? '✓' : '!'}
      </span>
      {empty
        ? 'Neither side has any artifact: there is nothing to vouch for.'
        : ok
          ? 'Everything CI built is identical to the rebuild'
          : `${formatCount(needing)} ${needing === 1 ? 'artifact needs' : 'artifacts need'} review`}
    </p>
  );
}
