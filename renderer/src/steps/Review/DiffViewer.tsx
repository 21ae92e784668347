import { useEffect, useMemo, useState } from 'react';
import type { DiffSides } from '../../../../shared/review';
import { ErrorAlert } from '../../components/ErrorAlert';
import { diffKey, type DiffView } from './createReviewStore';
import { useReviewStore } from './reviewStore';
import { formatCount } from '../../format/count';
import { DiffPageBlock } from './DiffPageBlock';
import {
  DIFF_PAGE_LINES,
  diffChunks,
  highlightsWords,
  type DiffChunk,
  type DiffLayout,
} from './diffRendering';

const NO_DIFF: DiffView = { pages: [], loading: false, error: null };

/**
 * Lines drawn per task. A page of 2,000 lines is drawn a part at a time, each
 * in its own task, so a key pressed meanwhile (j, k) is never kept waiting
 * for a big diff to finish drawing.
 */
export const DRAW_CHUNK_LINES = 400;

/**
 * The parts of a diff to draw: the first at once, then one more per task
 * until `upTo` lines are drawn. Remounted (key) when the layout changes, so a
 * new layout is drawn the same way.
 */
function DiffChunkList({
  chunks,
  upTo,
  layout,
  highlight,
  onDrawn,
}: {
  chunks: readonly DiffChunk[];
  upTo: number;
  layout: DiffLayout;
  highlight: boolean;
  onDrawn: (lines: number) => void;
}) {
  const [drawn, setDrawn] = useState(1);
  const wanted = chunks.filter((chunk) => chunk.from < upTo).length;
  const shown = chunks.slice(0, Math.min(drawn, wanted));
  const lastShown = shown.at(-1);
  const drawnLines = lastShown ? lastShown.from + lastShown.lineCount : 0;

  useEffect(() => {
    onDrawn(drawnLines);
  }, [drawnLines, onDrawn]);

  useEffect(() => {
    if (drawn >= wanted) return;
    // After the frame that shows the parts so far, draw the next.
    const timer = window.setTimeout(() => setDrawn((count) => count + 1), 0);
    return () => window.clearTimeout(timer);
  }, [drawn, wanted]);

  return (
    <div className="review-diff__pages" data-testid="review-diff-pages" data-lines={drawnLines}>
      {shown.map((chunk) => (
        <DiffPageBlock
          key={chunk.from}
          text={chunk.text}
          startOld={chunk.start?.oldLine ?? null}
          startNew={chunk.start?.newLine ?? null}
          layout={layout}
          highlight={highlight}
        />
      ))}
    </div>
  );
}

/** The names the sides go by when the engine does not say more. */
export const DEFAULT_SIDES: DiffSides = { ci: 'CI', local: 'Rebuild' };

/**
 * Which side is which, in both layouts: CI's copy is diffoscope's first side
 * (removed lines, −, red; the left column side by side), the rebuild's its
 * second (added lines, +, green; the right column). Side by side the two
 * names stand over their columns.
 */
function DiffSidesLegend({ sides, layout }: { sides: DiffSides; layout: DiffLayout }) {
  const sideBySide = layout === 'side-by-side';
  return (
    <div
      className={`review-diff__sides review-diff__sides--${layout}`}
      data-testid="review-diff-sides"
      role="group"
      aria-label="Which side is which"
    >
      <span className="review-diff__side" data-testid="review-diff-side-ci">
        <span className="review-diff__swatch review-diff__swatch--ci" aria-hidden="true">
          −
        </span>
        <span className="review-diff__side-name">{sides.ci}</span>
        <span className="review-diff__side-how">
          {sideBySide ? '(left, red)' : '(lines marked −, red)'}
        </span>
      </span>
      <span className="review-diff__side" data-testid="review-diff-side-local">
        <span className="review-diff__swatch review-diff__swatch--local" aria-hidden="true">
          +
        </span>
        <span className="review-diff__side-name">{sides.local}</span>
        <span className="review-diff__side-how">
          {sideBySide ? '(right, green)' : '(lines marked +, green)'}
        </span>
      </span>
    </div>
  );
}

function LayoutToggle({
  layout,
  onChange,
}: {
  layout: DiffLayout;
  onChange: (layout: DiffLayout) => void;
}) {
  const options: { value: DiffLayout; label: string }[] = [
    { value: 'line-by-line', label: 'Line by line' },
    { value: 'side-by-side', label: 'Side by side' },
  ];
  return (
    <div className="review-diff__layout" role="group" aria-label="Diff layout (v)">
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          className="review-diff__layout-button"
          aria-pressed={layout === option.value}
          data-testid={`review-layout-${option.value}`}
          onClick={() => onChange(option.value)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

/**
 * One row's diff, a page at a time: pages of 2,000 lines arrive as asked for
 * ("Load more") and are drawn a part at a time. The whole report is never
 * drawn at once, and word-level highlighting is off for very large diffs.
 */
export function DiffViewer({ id, expectedLines }: { id: string; expectedLines: number | null }) {
  const review = useReviewStore((state) => state.review);
  const sides = review?.sides ?? DEFAULT_SIDES;
  const cacheKey = review ? diffKey(review, id) : null;
  const view = useReviewStore((state) => (cacheKey ? state.diffs[cacheKey] : undefined)) ?? NO_DIFF;
  const layout = useReviewStore((state) => state.layout);
  const setLayout = useReviewStore((state) => state.setLayout);
  const loadDiff = useReviewStore((state) => state.loadDiff);
  const loadMoreDiff = useReviewStore((state) => state.loadMoreDiff);
  // How many lines the user asked to see: a page to start with, a page more per "Load more".
  const [upTo, setUpTo] = useState(DIFF_PAGE_LINES);
  const [drawnLines, setDrawnLines] = useState(0);

  useEffect(() => {
    if (cacheKey !== null) void loadDiff(id);
  }, [cacheKey, id, loadDiff]);

  const chunks = useMemo(() => diffChunks(view.pages, DRAW_CHUNK_LINES), [view.pages]);
  const last = view.pages.at(-1);
  // Only the report's diffs come in pages; a member's diff comes whole (or cut, said below).
  const paged = review?.report.state === 'ready';
  const totalLines = last?.totalLines ?? expectedLines ?? 0;
  const loadedLines = last ? last.from + last.lineCount : 0;
  const highlight = highlightsWords(totalLines);
  const empty = last !== undefined && totalLines === 0;
  const moreLoaded = upTo < loadedLines;
  const moreToFetch = paged && last?.next != null;
  const cut = !paged && last?.next != null && !moreLoaded;

  const loadMore = () => {
    if (!moreLoaded) void loadMoreDiff(id);
    setUpTo((lines) => lines + DIFF_PAGE_LINES);
  };

  return (
    <section
      className="review-diff"
      aria-label="Diff"
      data-testid="review-diff"
      data-layout={layout}
    >
      <div className="review-diff__toolbar">
        <LayoutToggle layout={layout} onChange={setLayout} />
        <span className="review-diff__count" data-testid="review-diff-count">
          {last
            ? `${formatCount(drawnLines)} of ${formatCount(totalLines)} lines`
            : expectedLines !== null
              ? `${formatCount(expectedLines)} lines`
              : ''}
          {!highlight ? ' · word highlighting off for a diff this large' : ''}
        </span>
      </div>
      {view.error ? (
        <div className="review-diff__error">
          <ErrorAlert error={view.error} title="Could not load this diff" />
          <button
            type="button"
            className="button"
            onClick={() => void (view.pages.length === 0 ? loadDiff(id) : loadMoreDiff(id))}
          >
            Try again
          </button>
        </div>
      ) : null}
      {!empty ? <DiffSidesLegend sides={sides} layout={layout} /> : null}
      {empty ? (
        <p className="review-diff__empty" data-testid="review-diff-empty">
          No line-by-line difference to show.
        </p>
      ) : null}
      <DiffChunkList
        key={layout}
        chunks={chunks}
        upTo={upTo}
        layout={layout}
        highlight={highlight}
        onDrawn={setDrawnLines}
      />
      {view.loading ? (
        <p className="review-diff__loading" role="status" data-testid="review-diff-loading">
          {view.pages.length === 0 ? 'Loading the diff…' : 'Loading more…'}
        </p>
      ) : null}
      {!view.loading && (moreLoaded || moreToFetch) ? (
        <button
          type="button"
          className="button review-diff__more"
          data-testid="review-diff-more"
          onClick={loadMore}
        >
          {`Load more: the next ${formatCount(Math.min(totalLines - upTo, DIFF_PAGE_LINES))} lines (${formatCount(totalLines - upTo)} left)`}
        </button>
      ) : null}
      {cut ? (
        <p className="review-diff__empty" data-testid="review-diff-cut">
          This provisional diff stops at {formatCount(loadedLines)} of {formatCount(totalLines)}{' '}
          lines; diffoscope’s full report will page through all of it.
        </p>
      ) : null}
    </section>
  );
}
