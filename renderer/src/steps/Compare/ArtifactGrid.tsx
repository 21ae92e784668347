import {
  memo,
  useEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
} from 'react';
import { flushSync } from 'react-dom';
import type { ArtifactComparison, ArtifactCopy } from '../../../../shared/compare';
import { Sha } from '../../components/Sha';
import { UntrustedText } from '../../components/UntrustedText';
import { formatByteSize } from '../../format/byteSize';
import { revealHiddenCharacters } from '../../format/revealHiddenCharacters';
import { debIdentityOf, needsReview, type ArtifactSort, type SortKey } from './artifactTable';
import { ArtifactStatusLabel } from '../../components/ArtifactStatusLabel';
import {
  rowsPerPage,
  scrollTopToReveal,
  visibleRows,
  type ScrollGeometry,
} from '../../components/virtualWindow';

/** Fixed heights (also in compare.css), so the window is pure arithmetic. */
export const ROW_HEIGHT = 52;
export const HEADER_HEIGHT = 40;
/** Rows rendered beyond each edge of the view. */
const OVERSCAN = 8;
/** Until the container is measured. */
const DEFAULT_VIEWPORT_HEIGHT = 560;

const COLUMNS: { label: string; sortKey: SortKey | null; numeric?: boolean }[] = [
  { label: 'Name', sortKey: 'name' },
  { label: 'Status', sortKey: 'status' },
  { label: 'CI size', sortKey: 'ciSize', numeric: true },
  { label: 'Local size', sortKey: 'localSize', numeric: true },
  { label: 'CI SHA-256', sortKey: 'ciSha' },
  { label: 'Local SHA-256', sortKey: 'localSha' },
  { label: 'Actions', sortKey: null },
];

function Missing() {
  return (
    <span className="artifact-grid__missing">
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">none</span>
    </span>
  );
}

function SizeCell({ copy }: { copy: ArtifactCopy | null }) {
  return (
    <div role="gridcell" className="artifact-grid__cell artifact-grid__cell--number">
      {copy ? <span title={`${copy.size} bytes`}>{formatByteSize(copy.size)}</span> : <Missing />}
    </div>
  );
}

/** The hash is cut to the column's width on screen; selecting it (one click) copies all of it. */
function ShaCell({ copy, testId }: { copy: ArtifactCopy | null; testId: string }) {
  return (
    <div role="gridcell" className="artifact-grid__cell artifact-grid__cell--sha">
      {copy ? (
        <span className="artifact-grid__sha" title={copy.sha256}>
          <Sha value={copy.sha256} testId={testId} />
        </span>
      ) : (
        <Missing />
      )}
    </div>
  );
}

interface RowProps {
  row: ArtifactComparison;
  index: number;
  /** The one row Tab reaches (roving tabindex). */
  tabStop: boolean;
  onOpen: (key: string) => void;
}

const ArtifactRow = memo(function ArtifactRow({ row, index, tabStop, onOpen }: RowProps) {
  const deb = debIdentityOf(row);
  const path = row.ci?.path ?? row.local?.path ?? '';
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      tabIndex={tabStop ? 0 : -1}
      className={`artifact-grid__row artifact-grid__row--${row.status}`}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
      data-testid="compare-row"
      data-row-index={index}
      data-key={row.key}
      data-name={row.name}
      data-status={row.status}
      data-package={deb?.package}
    >
      <div role="gridcell" className="artifact-grid__cell artifact-grid__cell--name">
        <span
          className="artifact-grid__name"
          data-testid="compare-row-name"
          title={revealHiddenCharacters(row.name)}
        >
          <UntrustedText text={row.name} />
        </span>
        <span className="artifact-grid__secondary" data-testid="compare-row-detail">
          <UntrustedText text={deb ? `${deb.package} ${deb.version} ${deb.architecture}` : path} />
        </span>
      </div>
      <div role="gridcell" className="artifact-grid__cell">
        <ArtifactStatusLabel status={row.status} />
      </div>
      <SizeCell copy={row.ci} />
      <SizeCell copy={row.local} />
      <ShaCell copy={row.ci} testId="compare-row-ci-sha" />
      <ShaCell copy={row.local} testId="compare-row-local-sha" />
      <div role="gridcell" className="artifact-grid__cell">
        {needsReview(row) ? (
          <button
            type="button"
            className="button artifact-grid__review"
            tabIndex={tabStop ? 0 : -1}
            onClick={() => onOpen(row.key)}
          >
            {row.status === 'differs' ? 'Review differences' : 'Review'}
          </button>
        ) : null}
      </div>
    </div>
  );
});

function sortArrow(direction: 'ascending' | 'descending' | undefined): string {
  if (direction === 'ascending') return '▲';
  if (direction === 'descending') return '▼';
  return '↕';
}

interface ArtifactGridProps {
  rows: readonly ArtifactComparison[];
  sort: ArtifactSort;
  onSort: (key: SortKey) => void;
  /** Opens a row that needs review in the Review step. */
  onOpen: (key: string) => void;
  labelledBy: string;
}

/**
 * The comparison as a grid that stays fast at 10,000 rows: only the rows in
 * view (plus a few either side) are in the DOM, each at a fixed height inside
 * one scroll container whose body is as tall as all rows; the header is
 * sticky. Focus moves by row: arrow keys, Page Up/Down, Home/End; Enter opens
 * a row that needs review; Tab enters at the last focused row.
 */
export function ArtifactGrid({ rows, sort, onSort, onOpen, labelledBy }: ArtifactGridProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(DEFAULT_VIEWPORT_HEIGHT);
  const [activeKey, setActiveKey] = useState<string | null>(null);

  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewportHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A new order or filter starts at the top; the scroll event then updates the window.
  useEffect(() => {
    if (viewport.current) viewport.current.scrollTop = 0;
  }, [rows]);

  const activeIndex = useMemo(
    () => (activeKey === null ? -1 : rows.findIndex((row) => row.key === activeKey)),
    [rows, activeKey],
  );
  const tabStop = Math.max(activeIndex, 0);
  const geometry: ScrollGeometry = {
    scrollTop,
    viewportHeight,
    rowHeight: ROW_HEIGHT,
    headerHeight: HEADER_HEIGHT,
  };
  const { start, end } = visibleRows(geometry, rows.length, OVERSCAN);
  const indexes: number[] = [];
  // The tab stop stays rendered when scrolled away, so Tab and focus never fall out of the grid.
  if (rows.length > 0 && tabStop < start) indexes.push(tabStop);
  for (let index = start; index < end; index += 1) indexes.push(index);
  if (rows.length > 0 && tabStop >= end) indexes.push(tabStop);

  const moveTo = (index: number) => {
    const element = viewport.current;
    const target = Math.min(Math.max(index, 0), rows.length - 1);
    const row = rows[target];
    if (!element || !row) return;
    const top = scrollTopToReveal(target, { ...geometry, scrollTop: element.scrollTop });
    element.scrollTop = top;
    // Render the target row now, so it can take focus in this same key press.
    flushSync(() => {
      setScrollTop(top);
      setActiveKey(row.key);
    });
    element
      .querySelector<HTMLElement>(`[role="row"][data-row-index="${target}"]`)
      ?.focus({ preventScroll: true });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.getAttribute('role') !== 'row' || event.altKey) return;
    const index = Number(target.dataset.rowIndex);
    const row = rows[index];
    if (!row) return;
    if (event.key === 'Enter') {
      if (needsReview(row)) {
        event.preventDefault();
        onOpen(row.key);
      }
      return;
    }
    const page = rowsPerPage(geometry);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: rows.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    moveTo(next);
  };

  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[role="row"][data-key]');
    const key = row?.dataset.key;
    if (key !== undefined && key !== activeKey) setActiveKey(key);
  };

  return (
    <div
      ref={viewport}
      className="artifact-grid"
      role="grid"
      aria-labelledby={labelledBy}
      aria-rowcount={rows.length + 1}
      data-testid="artifact-grid"
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <div role="rowgroup" className="artifact-grid__head">
        <div role="row" aria-rowindex={1} className="artifact-grid__row artifact-grid__row--head">
          {COLUMNS.map((column) => {
            const direction =
              column.sortKey !== null && sort.key === column.sortKey ? sort.direction : undefined;
            const className = `artifact-grid__cell${column.numeric ? ' artifact-grid__cell--number' : ''}`;
            return (
              <div
                key={column.label}
                role="columnheader"
                className={className}
                aria-sort={column.sortKey === null ? undefined : (direction ?? 'none')}
              >
                {column.sortKey === null ? (
                  <span className="visually-hidden">{column.label}</span>
                ) : (
                  <button
                    type="button"
                    className="artifact-grid__sort"
                    data-testid={`sort-${column.sortKey}`}
                    onClick={() => {
                      if (column.sortKey !== null) onSort(column.sortKey);
                    }}
                  >
                    {column.label}
                    <span
                      className={`artifact-grid__arrow${direction ? ' artifact-grid__arrow--on' : ''}`}
                      aria-hidden="true"
                    >
                      {sortArrow(direction)}
                    </span>
                  </button>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div
        role="rowgroup"
        className="artifact-grid__body"
        style={{ height: rows.length * ROW_HEIGHT }}
      >
        {indexes.map((index) => {
          const row = rows[index];
          return row ? (
            <ArtifactRow
              key={row.key}
              row={row}
              index={index}
              tabStop={index === tabStop}
              onOpen={onOpen}
            />
          ) : null;
        })}
      </div>
    </div>
  );
}
