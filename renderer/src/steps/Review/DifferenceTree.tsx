import { memo, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { UntrustedText } from '../../components/UntrustedText';
import { formatByteSize } from '../../format/byteSize';
import { revealHiddenCharacters } from '../../format/revealHiddenCharacters';
import { formatCount } from '../../format/count';
import {
  scrollTopToReveal,
  visibleRows,
  type ScrollGeometry,
} from '../../components/virtualWindow';
import { lastName, nodeLabel, type TreeRow } from './differenceTree';
import { STATUS_ICON, STATUS_LABEL } from './reviewText';

/** Fixed heights (also in review.css), so the window is pure arithmetic. */
export const TREE_ROW_HEIGHT = 44;
/** Pixels of indent per level of the tree. */
const INDENT = 14;
const OVERSCAN = 10;
/** Until the container is measured. */
const DEFAULT_VIEWPORT_HEIGHT = 560;

const MEMBER_STATUS: Record<'differs' | 'only-ci' | 'only-local', string> = {
  differs: 'differs',
  'only-ci': 'only in CI’s copy',
  'only-local': 'only in the rebuild’s copy',
};

/** The row's second line: what diffoscope said, or how much differs. */
function rowNote(row: TreeRow): string {
  if (row.kind === 'member') {
    const { member } = row;
    const sizes =
      member.ciSize !== null && member.localSize !== null
        ? `, ${formatByteSize(member.ciSize)} → ${formatByteSize(member.localSize)}`
        : '';
    return `${MEMBER_STATUS[member.status]}${sizes}`;
  }
  const { node } = row;
  if (node.explainedBy !== null) {
    const [first, ...others] = node.explainedBy;
    if (first === undefined) return 'follows from other differences';
    const more = others.length === 0 ? '' : ` and ${formatCount(others.length)} more`;
    return `follows from ${lastName(first)}${more}`;
  }
  const comment = node.comments[0];
  if (comment !== undefined) return comment;
  if (node.diffLines > 0) return `${formatCount(node.diffLines)} diff lines`;
  return node.decidable ? 'no details' : '';
}

interface RowProps {
  row: TreeRow;
  index: number;
  selected: boolean;
  tabStop: boolean;
  onSelect: (id: string) => void;
}

const TreeRowView = memo(function TreeRowView({
  row,
  index,
  selected,
  tabStop,
  onSelect,
}: RowProps) {
  const label = row.kind === 'member' ? row.member.path : nodeLabel(row.node);
  const status = row.kind === 'node' ? row.status : null;
  const explained = row.kind === 'node' && row.node.explainedBy !== null;
  const note = rowNote(row);
  const className = [
    'review-tree__row',
    row.selectable ? 'review-tree__row--difference' : 'review-tree__row--group',
    explained ? 'review-tree__row--explained' : '',
    status ? `review-tree__row--${status}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      role="treeitem"
      aria-level={row.depth + 1}
      aria-selected={row.selectable ? selected : undefined}
      tabIndex={row.selectable ? (tabStop ? 0 : -1) : undefined}
      className={className}
      style={{ transform: `translateY(${index * TREE_ROW_HEIGHT}px)` }}
      data-testid="review-node"
      data-kind={row.kind}
      data-index={index}
      data-status={status ?? undefined}
      data-explained={explained ? 'true' : undefined}
      data-name={label}
      onClick={row.selectable ? () => onSelect(row.id) : undefined}
    >
      <span className="review-tree__indent" style={{ width: row.depth * INDENT }} />
      <span className="review-tree__status" aria-hidden="true">
        {explained ? '↳' : status ? STATUS_ICON[status] : row.kind === 'member' ? '≠' : '▾'}
      </span>
      <span className="review-tree__text">
        <span className="review-tree__name" title={revealHiddenCharacters(label)}>
          <UntrustedText text={label} />
        </span>
        <span className="review-tree__note" title={revealHiddenCharacters(note)}>
          {status && !explained ? (
            <span className="visually-hidden">{STATUS_LABEL[status]}: </span>
          ) : null}
          <UntrustedText text={note} />
        </span>
      </span>
    </div>
  );
});

interface DifferenceTreeProps {
  rows: readonly TreeRow[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Arrow keys, Home and End: the next, previous, first or last difference. */
  onStep: (move: 'next' | 'previous' | 'first' | 'last') => void;
  /** Changes when focus should move to the selected row (after a key moved the selection). */
  focusRequest: number;
  label: string;
}

/**
 * diffoscope's tree (or the provisional member list) as a virtualised tree:
 * only the rows in view, plus a few either side and the selected one, are in
 * the DOM, each at a fixed height, so 5,000 and more nodes stay smooth.
 * Containers are shown for shape; only differences take focus and selection.
 */
export function DifferenceTree({
  rows,
  selectedId,
  onSelect,
  onStep,
  focusRequest,
  label,
}: DifferenceTreeProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(DEFAULT_VIEWPORT_HEIGHT);

  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewportHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const selectedIndex = selectedId === null ? -1 : rows.findIndex((row) => row.id === selectedId);
  const tabStop = selectedIndex >= 0 ? selectedIndex : rows.findIndex((row) => row.selectable);

  // A new selection or a new set of rows: bring the selected row into view (the top without
  // one). The scroll event then moves the window; the selected row is rendered meanwhile.
  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const geometry: ScrollGeometry = {
      scrollTop: element.scrollTop,
      viewportHeight: element.clientHeight || DEFAULT_VIEWPORT_HEIGHT,
      rowHeight: TREE_ROW_HEIGHT,
      headerHeight: 0,
    };
    const top = selectedIndex < 0 ? 0 : scrollTopToReveal(selectedIndex, geometry);
    if (top !== element.scrollTop) element.scrollTop = top;
  }, [selectedIndex, rows]);

  // A key moved the selection: focus follows it (the row is always rendered, see below), and
  // the page scrolls as little as it must for the row to be seen.
  useLayoutEffect(() => {
    if (focusRequest === 0) return;
    const row = viewport.current?.querySelector<HTMLElement>(
      '[role="treeitem"][aria-selected="true"]',
    );
    row?.focus({ preventScroll: true });
    row?.scrollIntoView({ block: 'nearest' });
  }, [focusRequest]);

  const geometry: ScrollGeometry = {
    scrollTop,
    viewportHeight,
    rowHeight: TREE_ROW_HEIGHT,
    headerHeight: 0,
  };
  const { start, end } = visibleRows(geometry, rows.length, OVERSCAN);
  const indexes: number[] = [];
  // The tab stop stays rendered when scrolled away, so focus never falls out of the tree.
  if (tabStop >= 0 && tabStop < start) indexes.push(tabStop);
  for (let index = start; index < end; index += 1) indexes.push(index);
  if (tabStop >= end) indexes.push(tabStop);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const moves: Record<string, 'next' | 'previous' | 'first' | 'last'> = {
      ArrowDown: 'next',
      ArrowUp: 'previous',
      Home: 'first',
      End: 'last',
    };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    onStep(move);
  };

  return (
    <div
      ref={viewport}
      className="review-tree"
      role="tree"
      aria-label={label}
      data-testid="review-tree"
      data-rows={rows.length}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div className="review-tree__body" style={{ height: rows.length * TREE_ROW_HEIGHT }}>
        {indexes.map((index) => {
          const row = rows[index];
          return row ? (
            <TreeRowView
              key={row.id}
              row={row}
              index={index}
              selected={index === selectedIndex}
              tabStop={index === tabStop}
              onSelect={onSelect}
            />
          ) : null;
        })}
      </div>
    </div>
  );
}
