import { describe, expect, it } from 'vitest';
import { rowsPerPage, scrollTopToReveal, visibleRows, type ScrollGeometry } from './virtualWindow';

const at = (scrollTop: number): ScrollGeometry => ({
  scrollTop,
  viewportHeight: 440,
  rowHeight: 40,
  headerHeight: 40,
});

describe('virtual window', () => {
  it('renders the rows in view plus the overscan, clamped to the list', () => {
    // At the top the header takes the first 40px: rows 0..9 are in view.
    expect(visibleRows(at(0), 10_000, 5)).toEqual({ start: 0, end: 15 });
    // 4,000px down: rows 99..109 are (at least partly) in view.
    expect(visibleRows(at(4_000), 10_000, 5)).toEqual({ start: 94, end: 115 });
    // At the very bottom the window stops at the last row.
    const bottom = 10_000 * 40 + 40 - 440;
    expect(visibleRows(at(bottom), 10_000, 5)).toEqual({ start: 9_984, end: 10_000 });
  });

  it('renders a bounded number of rows however long the list', () => {
    for (const scrollTop of [0, 123_457, 399_600]) {
      const { start, end } = visibleRows(at(scrollTop), 10_000, 8);
      expect(end - start).toBeLessThanOrEqual(Math.ceil(440 / 40) + 1 + 2 * 8);
    }
  });

  it('renders nothing for an empty list and stays in range past the end', () => {
    expect(visibleRows(at(0), 0, 5)).toEqual({ start: 0, end: 0 });
    expect(visibleRows(at(1_000_000), 3, 5)).toEqual({ start: 3, end: 3 });
  });

  it('scrolls just enough to show a row below the sticky header', () => {
    // Row 5 (200..240 below the header) is in view: nothing moves.
    expect(scrollTopToReveal(5, at(0))).toBe(0);
    // Row 20 is below the view: its bottom lands on the viewport's bottom.
    expect(scrollTopToReveal(20, at(0))).toBe(20 * 40 + 40 + 40 - 440);
    // Row 3 is above the view: its top lands just under the header.
    expect(scrollTopToReveal(3, at(4_000))).toBe(120);
    expect(scrollTopToReveal(0, at(4_000))).toBe(0);
  });

  it('pages by the whole rows that fit below the header', () => {
    expect(rowsPerPage(at(0))).toBe(10);
    expect(rowsPerPage({ ...at(0), viewportHeight: 10 })).toBe(1);
  });
});
