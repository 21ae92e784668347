import { screen, within } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import { render } from '../../testing/render';
import { useReviewStore } from './reviewStore';
import { ReviewWorkspace } from './ReviewWorkspace';
import {
  SAMPLE_DIFFERENCES,
  SAMPLE_KEY,
  SAMPLE_NAME,
  sampleDifferenceId,
  sampleReview,
} from './testing/sampleReview';

const [FIRST, SECOND, LAST] = SAMPLE_DIFFERENCES as [string, string, string];

/** The Review step's workspace on the sample package, its report ready, its first difference selected. */
function showReview() {
  useReviewStore.setState({
    tag: 'v1.0.0',
    key: SAMPLE_KEY,
    review: sampleReview(),
    selectedId: sampleDifferenceId(FIRST),
  });
  return render(
    <ReviewWorkspace
      artifactKey={SAMPLE_KEY}
      name={SAMPLE_NAME}
      comparison={undefined}
      headingRef={createRef()}
    />,
  );
}

/** The difference a row stands for, by the path it shows. */
const pathOf = (row: Element | null) =>
  SAMPLE_DIFFERENCES.find((path) => row?.textContent?.includes(path));

const selectedDifference = () => pathOf(screen.getByRole('treeitem', { selected: true }));
const focusedDifference = () =>
  document.activeElement?.getAttribute('role') === 'treeitem'
    ? pathOf(document.activeElement)
    : undefined;

describe('The difference tree, by keyboard', () => {
  it('moves the selection and the focus to the next and previous difference with the arrow keys', async () => {
    const { user } = showReview();
    expect(screen.getByRole('tree', { name: 'diffoscope’s tree of differences' })).toBeTruthy();
    expect(selectedDifference()).toBe(FIRST);

    await user.click(within(screen.getByRole('tree')).getByText(FIRST));
    await user.keyboard('{ArrowDown}');
    expect(selectedDifference()).toBe(SECOND);
    expect(focusedDifference()).toBe(SECOND);

    await user.keyboard('{ArrowUp}');
    expect(selectedDifference()).toBe(FIRST);
    expect(focusedDifference()).toBe(FIRST);
  });

  it('goes to the last difference with End and the first with Home, never to a container', async () => {
    const { user } = showReview();
    await user.click(within(screen.getByRole('tree')).getByText(FIRST));

    await user.keyboard('{End}');
    expect(selectedDifference()).toBe(LAST);
    expect(focusedDifference()).toBe(LAST);
    await user.keyboard('{ArrowDown}');
    expect(selectedDifference()).toBe(LAST);

    await user.keyboard('{Home}');
    expect(selectedDifference()).toBe(FIRST);
    await user.keyboard('{ArrowUp}');
    expect(selectedDifference()).toBe(FIRST);
    expect(focusedDifference()).toBe(FIRST);
  });
});
