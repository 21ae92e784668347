import { screen, within } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, it } from 'vitest';
import type { ArtifactReview } from '../../../../shared/review';
import { render } from '../../testing/render';
import { useReviewStore } from './reviewStore';
import { NOTICES, ReviewWorkspace } from './ReviewWorkspace';
import {
  SAMPLE_DIFFERENCES,
  SAMPLE_KEY,
  SAMPLE_NAME,
  sampleDifferenceId,
  sampleReview,
} from './testing/sampleReview';

const [FIRST, , LAST] = SAMPLE_DIFFERENCES as [string, string, string];

/** The workspace on the sample package, `selected` chosen. */
function showReview(review: ArtifactReview = sampleReview(), selected = FIRST) {
  useReviewStore.setState({
    tag: 'v1.0.0',
    key: SAMPLE_KEY,
    review,
    selectedId: sampleDifferenceId(selected),
    selectionChosen: true,
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

/** Every difference of the sample accepted. */
function allAccepted(): ArtifactReview {
  const review = sampleReview();
  const decisions = Object.fromEntries(
    SAMPLE_DIFFERENCES.map((path) => [
      sampleDifferenceId(path),
      {
        differenceId: sampleDifferenceId(path),
        decision: 'accepted' as const,
        comment: 'Only a build date.',
        reviewer: 'Dana Maintainer',
        at: '2026-02-01T10:00:00.000Z',
        rule: null,
      },
    ]),
  );
  return {
    ...review,
    decisions,
    verdict: 'approved',
    counts: { differences: 3, accepted: 3, blocking: 0, unreviewed: 0 },
  };
}

describe('The review says when a key has nowhere to go', () => {
  it('announces the last difference when j is pressed on it, and the first for k', async () => {
    const { user } = showReview(sampleReview(), LAST);
    await user.click(within(screen.getByRole('tree')).getByText(LAST));
    await user.keyboard('j');
    const notice = screen.getByTestId('review-announcement');
    expect(notice.getAttribute('aria-live')).toBe('polite');
    expect(notice.textContent).toBe(NOTICES.last);
    // Moving on clears it; k at the top says so.
    await user.keyboard('{Home}');
    expect(notice.textContent).toBe('');
    await user.keyboard('k');
    expect(notice.textContent).toBe(NOTICES.first);
  });

  it('announces that no undecided difference is left when n has nowhere to go', async () => {
    const { user } = showReview(allAccepted());
    await user.click(within(screen.getByRole('tree')).getByText(FIRST));
    await user.keyboard('n');
    expect(screen.getByTestId('review-announcement').textContent).toBe(NOTICES.noneLeft);
  });
});

describe('The diff names its sides', () => {
  it("labels CI's side and the rebuild's in both layouts, with the colour of each", async () => {
    const { user } = showReview({
      ...sampleReview(),
      sides: { ci: 'CI (apt-test)', local: 'Rebuild (this machine)' },
    });
    const ci = screen.getByTestId('review-diff-side-ci');
    const local = screen.getByTestId('review-diff-side-local');
    expect(ci.textContent).toContain('CI (apt-test)');
    expect(ci.textContent).toContain('red');
    expect(local.textContent).toContain('Rebuild (this machine)');
    expect(local.textContent).toContain('green');
    await user.click(screen.getByTestId('review-layout-side-by-side'));
    expect(screen.getByTestId('review-diff-side-ci').textContent).toContain('(left, red)');
    expect(screen.getByTestId('review-diff-side-local').textContent).toContain('(right, green)');
  });
});

describe('Deciding by rule', () => {
  it('refuses a pattern that is not one beside the field, and offers nothing to confirm', async () => {
    const { user } = showReview();
    await user.click(screen.getByTestId('review-open-rule'));
    const field = screen.getByTestId('review-rule-pattern');
    // user-event reads "[[" as one "[": this types [[[.
    await user.type(field, '[[[[[[');
    expect((field as HTMLInputElement).value).toBe('[[[');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const note = document.getElementById(field.getAttribute('aria-describedby') ?? '');
    expect(note?.textContent).toMatch(/"\[\[\[" is not a path pattern: .*no "\]" closes/);
    expect(screen.getByTestId('review-rule-count').textContent).toContain('until it is corrected');
    expect(screen.getByTestId('review-rule-accept').getAttribute('aria-disabled')).toBe('true');
    // Corrected, the note goes back to how patterns are written.
    await user.clear(field);
    await user.type(field, 'README');
    expect(field.getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByTestId('review-rule-count').getAttribute('data-count')).toBe('1');
  });
});
