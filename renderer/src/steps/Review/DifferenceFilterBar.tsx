import type { ArtifactReview } from '../../../../shared/review';
import { formatCount } from '../../format/count';
import { DIFFERENCE_FILTERS, type DifferenceFilter } from './differenceTree';
import { STATUS_ICON } from './reviewText';

const LABEL: Record<DifferenceFilter, (count: number) => string> = {
  all: (count) => (count === 1 ? 'difference' : 'differences'),
  unreviewed: () => 'unreviewed',
  accepted: () => 'accepted',
  blocking: () => 'blocking',
};

/**
 * The artifact's counts, each a toggle that shows only its differences in the
 * tree (with their place in it); "differences" shows everything again.
 */
export function DifferenceFilterBar({
  counts,
  value,
  onChange,
}: {
  counts: ArtifactReview['counts'];
  value: DifferenceFilter;
  onChange: (filter: DifferenceFilter) => void;
}) {
  const countOf: Record<DifferenceFilter, number> = {
    all: counts.differences,
    unreviewed: counts.unreviewed,
    accepted: counts.accepted,
    blocking: counts.blocking,
  };
  return (
    <div
      className="review-counts"
      role="group"
      aria-label="Show differences by status"
      data-testid="review-counts"
    >
      {DIFFERENCE_FILTERS.map((filter) => {
        const pressed = value === filter;
        return (
          <button
            key={filter}
            type="button"
            className={`review-counts__item review-counts__item--${filter}`}
            aria-pressed={pressed}
            data-testid={`review-count-${filter}`}
            data-count={countOf[filter]}
            onClick={() => onChange(pressed && filter !== 'all' ? 'all' : filter)}
          >
            {filter !== 'all' ? (
              <span className="review-counts__icon" aria-hidden="true">
                {STATUS_ICON[filter]}
              </span>
            ) : null}
            <span className="review-counts__count">{formatCount(countOf[filter])}</span>{' '}
            {LABEL[filter](countOf[filter])}
          </button>
        );
      })}
    </div>
  );
}
