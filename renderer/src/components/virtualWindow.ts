/**
 * The maths of a virtualised list of fixed-height rows below a sticky header,
 * all inside one scroll container: row `i` sits at `headerHeight + i * rowHeight`.
 */
export interface ScrollGeometry {
  /** The container's scrollTop. */
  scrollTop: number;
  /** The container's visible height, header included. */
  viewportHeight: number;
  rowHeight: number;
  /** The sticky header's height; rows scroll underneath it. */
  headerHeight: number;
}

/** The rows to render, `start` included and `end` excluded. */
export interface RowWindow {
  start: number;
  end: number;
}

/**
 * The rows in view plus `overscan` rows either side, so a short scroll shows
 * rows already rendered rather than a blank band.
 */
export function visibleRows(
  geometry: ScrollGeometry,
  rowCount: number,
  overscan: number,
): RowWindow {
  const { scrollTop, viewportHeight, rowHeight, headerHeight } = geometry;
  if (rowCount <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor((scrollTop - headerHeight) / rowHeight);
  const last = Math.ceil((scrollTop + viewportHeight - headerHeight) / rowHeight);
  const start = Math.min(Math.max(first - overscan, 0), rowCount);
  const end = Math.min(Math.max(last + overscan, start), rowCount);
  return { start, end };
}

/**
 * The scrollTop that brings row `index` fully into view below the header,
 * moving as little as possible; the current one when it is already in view.
 */
export function scrollTopToReveal(index: number, geometry: ScrollGeometry): number {
  const { scrollTop, viewportHeight, rowHeight, headerHeight } = geometry;
  const top = index * rowHeight;
  const bottom = top + rowHeight + headerHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(bottom - viewportHeight, 0);
  return scrollTop;
}

/** How many whole rows fit below the header: the step of Page Up and Page Down. */
export function rowsPerPage(geometry: ScrollGeometry): number {
  const { viewportHeight, rowHeight, headerHeight } = geometry;
  if (rowHeight <= 0) return 1;
  return Math.max(Math.floor((viewportHeight - headerHeight) / rowHeight), 1);
}
