import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { CompareResult } from '../../../../shared/compare';
import { render } from '../../testing/render';
import { RebuilderLinksPanel } from './RebuilderLinksPanel';
import { useRebuilderStore } from './rebuilderStore';

const KEY = {
  fingerprint: '0123456789ABCDEF0123456789ABCDEF01234567',
  signingKey: '0123456789ABCDEF0123456789ABCDEF01234567',
  algorithm: 'EdDSA (Ed25519)',
  userIds: ['Build host <ops@example.org>'],
  protected: true,
};
const SHA = 'e'.repeat(64);
const deb = { package: 'hello', version: '1:1.0.0', architecture: 'all' };

function comparison(identical: boolean): CompareResult {
  return {
    artifacts: [
      {
        key: 'hello_1.0.0_all.deb',
        name: 'hello_1.0.0_all.deb',
        status: identical ? 'identical' : 'differs',
        ci: { path: 'hello_1.0.0_all.deb', size: 1, sha256: SHA, deb },
        local: { path: 'hello_1.0.0_all.deb', size: 1, sha256: SHA, deb },
      },
    ],
  } as unknown as CompareResult;
}

describe('RebuilderLinksPanel', () => {
  it('is not shown when the rebuild reproduced nothing', () => {
    render(<RebuilderLinksPanel tag="v1.0.0" result={comparison(false)} />);
    expect(screen.queryByTestId('rebuilder-links')).toBeNull();
  });

  it('asks for this machine’s rebuilder key when none is imported', () => {
    useRebuilderStore.setState({ key: null, keyLoaded: true });
    render(<RebuilderLinksPanel tag="v1.0.0" result={comparison(true)} />);
    expect(screen.getByTestId('rebuilder-key-import-form')).toBeTruthy();
  });

  it('signs with the passphrase, clears it, and lists each package vouched for', async () => {
    const attest = vi.fn(() => {
      useRebuilderStore.setState({
        result: {
          tag: 'v1.0.0',
          links: {
            rebuilder: KEY.fingerprint,
            tree: '/tmp/tree',
            links: [
              {
                ...deb,
                product: 'hello_1%3a1.0.0_all.deb',
                sha256: SHA,
                path: 'sources/hello/1:1.0.0/metadata',
              },
            ],
            left: [],
          },
        },
      });
      return Promise.resolve(true);
    });
    useRebuilderStore.setState({ key: KEY, keyLoaded: true, attest, result: null });
    render(<RebuilderLinksPanel tag="v1.0.0" result={comparison(true)} />);
    fireEvent.click(screen.getByTestId('rebuilder-attest'));
    expect(attest).not.toHaveBeenCalled();
    expect(document.getElementById('rebuilder-passphrase-problem')?.textContent).toMatch(
      /passphrase/,
    );
    const field = screen.getByTestId<HTMLInputElement>('rebuilder-passphrase');
    fireEvent.change(field, { target: { value: 'secret' } });
    fireEvent.click(screen.getByTestId('rebuilder-attest'));
    expect(attest).toHaveBeenCalledWith('v1.0.0', 'secret');
    expect(field.value).toBe('');
    expect((await screen.findByTestId('rebuilder-link')).textContent).toContain(
      'hello_1%3a1.0.0_all.deb',
    );
  });
});
