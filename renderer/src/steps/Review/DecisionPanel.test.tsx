import { screen } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { DecisionTarget } from './createReviewStore';
import type { Decision } from '../../../../shared/review';
import { render } from '../../testing/render';
import { DecisionPanel } from './DecisionPanel';
import { useReviewStore } from './reviewStore';
import { sampleDifferenceId, sampleReview, SAMPLE_KEY } from './testing/sampleReview';

const KEY = {
  fingerprint: '0123456789ABCDEF0123456789ABCDEF01234567',
  signingKey: '0123456789ABCDEF0123456789ABCDEF01234567',
  algorithm: 'EdDSA (Ed25519)',
  userIds: ['Ada Reviewer <ada@example.org>'],
  protected: true,
};

type Decide = (
  decision: Decision,
  comment: string,
  target: DecisionTarget,
  passphrase?: string,
) => Promise<boolean>;

/** The decision area of the sample's first difference, this machine's reviewer key given. */
function showPanel(decide: Decide, reviewerKey: typeof KEY | null = KEY) {
  const review = sampleReview();
  const node = review.nodes[1]!;
  useReviewStore.setState({ tag: 'v1.0.0', key: SAMPLE_KEY, review, reviewerKey, decide });
  return render(
    <DecisionPanel
      node={node}
      decision={undefined}
      intent={null}
      onIntent={() => {}}
      commentRef={createRef()}
      onDone={() => {}}
    />,
  );
}

const passphraseField = () => screen.getByTestId<HTMLInputElement>('review-passphrase');

describe('DecisionPanel with a reviewer key', () => {
  it('asks for the passphrase in a field browsers neither fill nor remember', () => {
    showPanel(vi.fn());
    expect(passphraseField().type).toBe('password');
    expect(passphraseField().getAttribute('autocomplete')).toBe('off');
  });

  it('sends the passphrase with the decision, then clears the field and keeps it nowhere', async () => {
    const decide = vi.fn<Decide>(() => Promise.resolve(true));
    const { user } = showPanel(decide);
    await user.type(screen.getByTestId('review-comment'), 'Only a build date.');
    await user.type(passphraseField(), 'correct horse');
    await user.click(screen.getByTestId('review-accept'));
    expect(decide).toHaveBeenCalledWith(
      'accepted',
      'Only a build date.',
      { differenceIds: [sampleDifferenceId('./usr/bin/hello')] },
      'correct horse',
    );
    expect(passphraseField().value).toBe('');
    expect(JSON.stringify(useReviewStore.getState())).not.toContain('correct horse');
  });

  it('asks for the passphrase before anything is sent', async () => {
    const decide = vi.fn<Decide>(() => Promise.resolve(true));
    const { user } = showPanel(decide);
    await user.click(screen.getByTestId('review-block'));
    expect(decide).not.toHaveBeenCalled();
    expect(passphraseField().getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(passphraseField());
  });

  it('shows the engine’s WRONG_PASSPHRASE beside the field, emptied', async () => {
    const decide = vi.fn<Decide>(() => {
      useReviewStore.setState({
        decideError: { code: 'WRONG_PASSPHRASE', message: 'That passphrase does not unlock it.' },
      });
      return Promise.resolve(false);
    });
    const { user } = showPanel(decide);
    await user.type(passphraseField(), 'wrong');
    await user.click(screen.getByTestId('review-block'));
    expect(passphraseField().value).toBe('');
    expect(passphraseField().getAttribute('aria-invalid')).toBe('true');
    const note = document.getElementById(passphraseField().getAttribute('aria-describedby') ?? '');
    expect(note?.textContent).toContain('does not unlock');
  });

  it('asks for no passphrase without a reviewer key or a review policy', async () => {
    const decide = vi.fn<Decide>(() => Promise.resolve(true));
    const { user } = showPanel(decide, null);
    expect(screen.queryByTestId('review-passphrase')).toBeNull();
    await user.click(screen.getByTestId('review-block'));
    expect(decide).toHaveBeenCalledWith(
      'blocking',
      '',
      { differenceIds: [sampleDifferenceId('./usr/bin/hello')] },
      undefined,
    );
  });
});
