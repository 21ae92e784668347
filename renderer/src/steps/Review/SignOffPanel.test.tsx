import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { render } from '../../testing/render';
import { useReviewStore } from './reviewStore';
import { SignOffPanel } from './SignOffPanel';

const KEY = {
  fingerprint: '0123456789ABCDEF0123456789ABCDEF01234567',
  signingKey: '0123456789ABCDEF0123456789ABCDEF01234567',
  algorithm: 'EdDSA (Ed25519)',
  userIds: ['Ada Reviewer <ada@example.org>'],
  protected: true,
};
const SHA = 'e'.repeat(64);

describe('SignOffPanel', () => {
  it('says what the link lists and that in-toto-verify checks it', () => {
    useReviewStore.setState({ reviewerKey: KEY });
    render(<SignOffPanel tag="v1.0.0" />);
    const panel = screen.getByTestId('review-signoff');
    expect(panel.textContent).toContain('SHA-256');
    expect(panel.textContent).toContain('in-toto-verify');
  });

  it('signs off with the passphrase, clears it, and lists each package with its SHA-256', async () => {
    const signOff = vi.fn(() => {
      useReviewStore.setState({
        signOffResult: {
          tag: 'v1.0.0',
          reviewer: KEY.fingerprint.toLowerCase(),
          signedWith: KEY.fingerprint.toLowerCase(),
          file: 'approvals/approve.01234567.link',
          sha256: SHA,
          products: [{ name: 'hello_1.0.0_all.deb', sha256: SHA }],
          left: [{ name: 'extra_1.0.0_all.deb', why: 'only CI built it' }],
        },
      });
      return Promise.resolve(true);
    });
    useReviewStore.setState({ reviewerKey: KEY, signOff });
    const { user } = render(<SignOffPanel tag="v1.0.0" />);
    const field = screen.getByTestId<HTMLInputElement>('review-signoff-passphrase');
    expect(field.type).toBe('password');
    await user.type(field, 'correct horse');
    await user.click(screen.getByTestId('review-signoff-submit'));
    expect(signOff).toHaveBeenCalledWith('correct horse');
    expect(field.value).toBe('');
    expect(screen.getByTestId('review-signoff-product').textContent).toContain(SHA);
    expect(screen.getByTestId('review-signoff-left').textContent).toContain('only CI built it');
  });

  it('asks for a reviewer key first', () => {
    render(<SignOffPanel tag="v1.0.0" />);
    expect(screen.getByTestId('review-signoff-no-key')).toBeTruthy();
    expect(screen.queryByTestId('review-signoff-submit')).toBeNull();
  });
});
