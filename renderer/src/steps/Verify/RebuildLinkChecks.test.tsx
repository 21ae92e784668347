import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RebuildLinksCheck } from '../../../../shared/verify';
import { render } from '../../testing/render';
import { RebuildLinkChecks } from './RebuildLinkChecks';

const A = 'A'.repeat(40);

const check: RebuildLinksCheck = {
  layoutProblems: [],
  expires: '2027-12-03T10:00:00Z',
  threshold: 2,
  packages: [
    {
      package: 'hello',
      version: '1:1.0.0',
      architecture: 'all',
      status: 'verified',
      vouchedBy: [A, 'B'.repeat(40)],
      problem: null,
    },
    {
      package: 'hello-doc',
      version: '1:1.0.0',
      architecture: 'all',
      status: 'failed',
      vouchedBy: [A],
      problem: `1 of the 2 rebuilders the layout asks for vouch for these bytes (${'B'.repeat(40)}: no link)`,
    },
  ],
  status: 'failed',
};

describe('RebuildLinkChecks', () => {
  it('shows each package as apt-transport-in-toto judges it, and why apt would refuse one', () => {
    render(<RebuildLinkChecks rebuilds={check} />);
    expect(screen.getByTestId('verify-repo-rebuilds').dataset.status).toBe('failed');
    expect(screen.getByTestId('verify-repo-rebuilds').textContent).toMatch(
      /2 rebuilders must agree on each package’s bytes/,
    );
    const rows = screen.getAllByTestId('verify-repo-rebuild');
    expect(rows[0]?.textContent).toMatch('vouched for by 2 rebuilders');
    expect(rows[1]?.dataset.status).toBe('failed');
    expect(rows[1]?.textContent).toMatch('apt would refuse it: 1 of the 2 rebuilders');
  });

  it('shows nothing when apt-prod publishes no layout for apt-transport-in-toto', () => {
    const { container } = render(<RebuildLinkChecks rebuilds={null} />);
    expect(container.childElementCount).toBe(0);
  });
});
