import { useDeferredValue, useMemo } from 'react';
import { comparisonCounts } from '../../../../shared/artifactCounts';
import type { CompareResult } from '../../../../shared/compare';
import { DateTime } from '../../components/DateTime';
import { UntrustedText } from '../../components/UntrustedText';
import { formatByteSize } from '../../format/byteSize';
import { useCompareStore } from './compareStore';
import { useUiStore } from '../../stores/uiStore';
import { ArtifactGrid } from './ArtifactGrid';
import { filterArtifacts, sortArtifacts } from './artifactTable';
import { CiOnlyWarning } from './CiOnlyWarning';
import { CompareVerdict } from './CompareVerdict';
import { formatCount } from '../../format/count';
import { RecordedSourceFacts } from './RecordedSourceFacts';
import { StatusFilterBar } from './StatusFilterBar';

/** A finished comparison: the verdict, the counts as filters, the table, and what each side read. */
export function CompareResultView({ result, tag }: { result: CompareResult; tag: string }) {
  const statusFilter = useCompareStore((state) => state.statusFilter);
  const query = useCompareStore((state) => state.query);
  const sort = useCompareStore((state) => state.sort);
  const setStatusFilter = useCompareStore((state) => state.setStatusFilter);
  const setQuery = useCompareStore((state) => state.setQuery);
  const sortBy = useCompareStore((state) => state.sortBy);
  const openReview = useUiStore((state) => state.openReview);
  // Typing stays responsive: the table catches up with the text when it can.
  const deferredQuery = useDeferredValue(query);

  // Sorted once per order; filtering then walks the sorted rows without sorting again.
  const sorted = useMemo(() => sortArtifacts(result.artifacts, sort), [result.artifacts, sort]);
  const shown = useMemo(
    () => filterArtifacts(sorted, { status: statusFilter, query: deferredQuery }),
    [sorted, statusFilter, deferredQuery],
  );
  const total = result.artifacts.length;
  // The counts every step shows, from the rows themselves.
  const counts = useMemo(() => comparisonCounts(result), [result]);

  return (
    <section
      className="panel compare-result"
      aria-labelledby="compare-result-heading"
      data-testid="compare-result"
    >
      <div className="panel__header">
        <h2 className="panel__title" id="compare-result-heading">
          Artifacts of <UntrustedText text={tag} />
        </h2>
        <span className="panel__count">
          Compared <DateTime iso={result.comparedAt} />, {formatByteSize(result.bytesHashed)} hashed
        </span>
      </div>

      <CompareVerdict result={result} />
      <CiOnlyWarning result={result} onInspect={openReview} />
      <StatusFilterBar
        summary={counts}
        total={total}
        value={statusFilter}
        onChange={setStatusFilter}
      />

      <div className="compare-result__tools">
        <div className="field compare-result__filter">
          <label className="field__label" htmlFor="compare-filter">
            Filter
          </label>
          <input
            id="compare-filter"
            className="field__control field__control--mono"
            type="search"
            placeholder="Name, package, path or start of a SHA-256"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            spellCheck={false}
            autoComplete="off"
            aria-describedby="compare-shown"
          />
        </div>
        <p className="compare-result__shown" id="compare-shown" data-testid="compare-shown">
          {shown.length === total
            ? `${formatCount(total)} artifacts`
            : `${formatCount(shown.length)} of ${formatCount(total)} artifacts shown`}
        </p>
      </div>

      <ArtifactGrid
        rows={shown}
        sort={sort}
        onSort={sortBy}
        onOpen={openReview}
        labelledBy="compare-result-heading"
      />
      {shown.length === 0 ? (
        <p className="compare-result__empty" data-testid="compare-empty">
          {total === 0 ? 'No artifacts on either side.' : 'No artifact matches the filter.'}
        </p>
      ) : null}

      <div className="compare-result__sources">
        <RecordedSourceFacts source={result.ci} title="CI side as read" testId="recorded-ci" />
        <RecordedSourceFacts
          source={result.local}
          title="Rebuild side as read"
          testId="recorded-local"
        />
      </div>
    </section>
  );
}
