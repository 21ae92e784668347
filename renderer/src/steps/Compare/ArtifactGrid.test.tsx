import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ArtifactComparison } from '../../../../shared/compare';
import { render } from '../../testing/render';
import { ArtifactGrid } from './ArtifactGrid';
import { DEFAULT_SORT } from './artifactTable';

/** More rows than fit the grid's window, so some are not in the page until reached. */
const ROWS: ArtifactComparison[] = Array.from({ length: 40 }, (_, index) => {
  const name = `artifact-${String(index).padStart(2, '0')}.txt`;
  const copy = { path: `dist/${name}`, size: 1024, sha256: 'c'.repeat(64), deb: null };
  return { key: `file:${name}`, name, status: 'identical', ci: copy, local: copy };
});

/** The name of the artifact whose row has the keyboard focus. */
function focusedArtifact(): string | undefined {
  const focused = document.activeElement;
  if (focused?.getAttribute('role') !== 'row') return undefined;
  return ROWS.find((row) => focused.textContent?.startsWith(row.name))?.name;
}

function showGrid() {
  return render(
    <>
      <h2 id="grid-heading">Artifacts</h2>
      <ArtifactGrid
        rows={ROWS}
        sort={DEFAULT_SORT}
        onSort={vi.fn()}
        onOpen={vi.fn()}
        labelledBy="grid-heading"
      />
    </>,
  );
}

describe('ArtifactGrid keyboard navigation', () => {
  it('moves the active row down and up with the arrow keys, stopping at the first row', async () => {
    const { user } = showGrid();
    const grid = screen.getByRole('grid', { name: 'Artifacts' });
    expect(grid.getAttribute('aria-rowcount')).toBe('41');

    await user.click(screen.getByText('artifact-00.txt'));
    expect(focusedArtifact()).toBe('artifact-00.txt');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(focusedArtifact()).toBe('artifact-02.txt');
    await user.keyboard('{ArrowUp}');
    expect(focusedArtifact()).toBe('artifact-01.txt');
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(focusedArtifact()).toBe('artifact-00.txt');
  });

  it('jumps to the last row with End, bringing it into the page, and back with Home', async () => {
    const { user } = showGrid();
    expect(screen.queryByText('artifact-39.txt')).toBeNull();

    await user.click(screen.getByText('artifact-00.txt'));
    await user.keyboard('{End}');
    expect(focusedArtifact()).toBe('artifact-39.txt');
    await user.keyboard('{ArrowDown}');
    expect(focusedArtifact()).toBe('artifact-39.txt');
    await user.keyboard('{Home}');
    expect(focusedArtifact()).toBe('artifact-00.txt');
  });

  it('keeps one Tab stop in the grid: the row last moved to', async () => {
    const { user } = showGrid();
    await user.click(screen.getByText('artifact-00.txt'));
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');

    const tabStops = screen.getAllByRole('row').filter((row) => row.tabIndex === 0);
    expect(tabStops).toEqual([document.activeElement]);
    expect(focusedArtifact()).toBe('artifact-03.txt');
  });
});
