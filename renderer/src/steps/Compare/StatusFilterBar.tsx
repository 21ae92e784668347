import type { ArtifactStatus, ComparisonSummary } from '../../../../shared/compare';
import { formatCount } from '../../format/count';
import { STATUS_ICON } from '../../format/artifactStatus';

const ITEMS: {
  status: ArtifactStatus;
  label: string;
  count: (summary: ComparisonSummary) => number;
}[] = [
  { status: 'identical', label: 'identical', count: (summary) => summary.identical },
  { status: 'differs', label: 'differ', count: (summary) => summary.differs },
  { status: 'only-ci', label: 'only in CI', count: (summary) => summary.onlyCi },
  { status: 'only-local', label: 'only local', count: (summary) => summary.onlyLocal },
];

/**
 * The counts by status, each a toggle that shows only its rows (pressing it
 * again, or "all", shows every row again).
 */
export function StatusFilterBar({
  summary,
  total,
  value,
  onChange,
}: {
  summary: ComparisonSummary;
  total: number;
  value: ArtifactStatus | null;
  onChange: (status: ArtifactStatus | null) => void;
}) {
  return (
    <div
      className="compare-summary"
      role="group"
      aria-label="Show artifacts by status"
      data-testid="compare-summary"
    >
      <button
        type="button"
        className="compare-summary__item"
        aria-pressed={value === null}
        data-testid="compare-filter-all"
        data-count={total}
        onClick={() => onChange(null)}
      >
        <span className="compare-summary__count">{formatCount(total)}</span> all
      </button>
      {ITEMS.map((item) => {
        const count = item.count(summary);
        const pressed = value === item.status;
        return (
          <button
            key={item.status}
            type="button"
            className={`compare-summary__item compare-summary__item--${item.status}`}
            aria-pressed={pressed}
            data-testid={`compare-count-${item.status}`}
            data-count={count}
            onClick={() => onChange(pressed ? null : item.status)}
          >
            <span className="compare-summary__icon" aria-hidden="true">
              {STATUS_ICON[item.status]}
            </span>
            <span className="compare-summary__count">{formatCount(count)}</span> {item.label}
          </button>
        );
      })}
    </div>
  );
}
