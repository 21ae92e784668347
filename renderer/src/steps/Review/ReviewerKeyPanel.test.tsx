import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ReviewerKeyInfo } from '../../../../shared/reviewers';
import { render } from '../../testing/render';
import { ReviewerKeyPanel } from './ReviewerKeyPanel';
import { useReviewStore } from './reviewStore';

const KEY: ReviewerKeyInfo = {
  fingerprint: '0123456789ABCDEF0123456789ABCDEF01234567',
  signingKey: '0123456789ABCDEF0123456789ABCDEF01234567',
  algorithm: 'EdDSA (Ed25519)',
  userIds: ['Ada Reviewer <ada@example.org>'],
  protected: true,
};

const SECRET = '-----BEGIN PGP PRIVATE KEY BLOCK-----\nsecret\n-----END PGP PRIVATE KEY BLOCK-----';

/** The panel, the engine's answer to reviewer:current already in the store. */
function showPanel(reviewerKey: ReviewerKeyInfo | null, importReviewerKey = vi.fn()) {
  useReviewStore.setState({
    reviewerKey,
    reviewerKeyLoaded: true,
    loadReviewerKey: async () => {},
    importReviewerKey,
  });
  return render(<ReviewerKeyPanel />);
}

describe('ReviewerKeyPanel', () => {
  it('shows the reviewer key by user ID, grouped fingerprint and algorithm, never asking for it again', () => {
    showPanel(KEY);
    const panel = screen.getByTestId('reviewer-key');
    expect(panel.getAttribute('data-state')).toBe('imported');
    expect(within(panel).getByTestId('reviewer-key-uid').textContent).toContain(
      'Ada Reviewer <ada@example.org>',
    );
    expect(within(panel).getByTestId('reviewer-key-fingerprint').textContent).toContain(
      '0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567',
    );
    expect(within(panel).getByTestId('reviewer-key-algorithm').textContent).toContain('Ed25519');
    // Another key can still be imported, behind a disclosure.
    expect(screen.getByText('Import another reviewer key')).toBeTruthy();
  });

  it('imports a pasted key and keeps none of its text once the engine took it', async () => {
    const importReviewerKey = vi.fn(() => {
      useReviewStore.setState({ reviewerKey: KEY });
      return Promise.resolve(true);
    });
    const { user } = showPanel(null, importReviewerKey);
    expect(screen.getByTestId('reviewer-key').getAttribute('data-state')).toBe('none');
    const text = screen.getByTestId('reviewer-key-text');
    await user.click(text);
    await user.paste(SECRET);
    await user.click(screen.getByTestId('reviewer-key-import'));
    expect(importReviewerKey).toHaveBeenCalledWith(SECRET);
    expect(screen.getByTestId('reviewer-key').getAttribute('data-state')).toBe('imported');
    expect(JSON.stringify(useReviewStore.getState())).not.toContain('secret');
  });

  it('shows the engine’s refusal beside the form, and keeps the text to correct', async () => {
    const importReviewerKey = vi.fn(() => {
      useReviewStore.setState({
        importReviewerKeyError: {
          code: 'KEY_UNPROTECTED',
          message: 'This key has no passphrase.',
        },
      });
      return Promise.resolve(false);
    });
    const { user } = showPanel(null, importReviewerKey);
    await user.click(screen.getByTestId('reviewer-key-text'));
    await user.paste(SECRET);
    await user.click(screen.getByTestId('reviewer-key-import'));
    const form = screen.getByTestId('reviewer-key-import-form');
    expect(within(form).getByTestId('error-alert').getAttribute('data-code')).toBe(
      'KEY_UNPROTECTED',
    );
    expect(screen.getByTestId<HTMLTextAreaElement>('reviewer-key-text').value).toBe(SECRET);
  });

  it('explains a public key file before anything is sent', async () => {
    const importReviewerKey = vi.fn();
    const { user } = showPanel(null, importReviewerKey);
    const file = new File(['-----BEGIN PGP PUBLIC KEY BLOCK-----\n'], 'ada.asc');
    await user.upload(screen.getByTestId('reviewer-key-file'), file);
    expect(await screen.findByText(/public key only/)).toBeTruthy();
    expect(importReviewerKey).not.toHaveBeenCalled();
  });
});
