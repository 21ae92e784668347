import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useReleaseStore } from '../../stores/releaseStore';
import { render } from '../../testing/render';
import { sampleVerdict } from './testing/sampleVerdict';
import { TagVerdictPanel } from './TagVerdictPanel';

function showVerdict(verdict: ReturnType<typeof sampleVerdict>) {
  useReleaseStore.setState({ verdict, verdictRequest: { tag: verdict.tagName } });
  return render(<TagVerdictPanel />);
}

describe('TagVerdictPanel', () => {
  it('shows a verified tag with the trusted key that signed it, by fingerprint', () => {
    showVerdict(sampleVerdict());

    const verdict = screen.getByRole('article', { name: 'Verdict for v1.0.0' });
    expect(within(verdict).getByText('Verified')).toBeTruthy();
    expect(within(verdict).getByRole('heading', { name: 'Signer' })).toBeTruthy();
    expect(within(verdict).getAllByText('Alice Maintainer <alice@example.org>')).not.toHaveLength(
      0,
    );
    // Fingerprints in groups of four, as GnuPG prints them: the signing subkey and its primary key.
    expect(within(verdict).getByText('0123 4567 89AB CDEF 0123')).toBeTruthy();
    expect(within(verdict).getByText('FEDC BA98 7654 3210 FEDC')).toBeTruthy();
    expect(within(verdict).getByText('subkey')).toBeTruthy();
    expect(screen.queryByRole('region', { name: /Why it was refused/ })).toBeNull();
  });

  it('lists each reason a refused tag was refused, with its code', () => {
    showVerdict(
      sampleVerdict({
        verdict: 'refused',
        signer: null,
        problems: [
          { code: 'UNKNOWN_KEY', message: 'No key in the trust list made this signature.' },
          { code: 'WEAK_HASH', message: 'The signature uses SHA-1, which can be forged.' },
        ],
      }),
    );

    expect(screen.getByText('Refused')).toBeTruthy();
    const reasons = screen.getByRole('region', { name: 'Why it was refused (2)' });
    const items = within(reasons).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'UNKNOWN_KEYNo key in the trust list made this signature.',
      'WEAK_HASHThe signature uses SHA-1, which can be forged.',
    ]);
    expect(
      screen.getByText('No key in this project’s trust list made this signature.'),
    ).toBeTruthy();
  });

  it('shows a hostile tag message as text, never as markup', () => {
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script><b>trust me</b>';
    const { container } = showVerdict(sampleVerdict({ message: hostile }));

    expect(screen.getByText(hostile)).toBeTruthy();
    expect(container.querySelector('img, script, b')).toBeNull();
  });
});
