import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuditHistoryView } from '../../../../shared/audit';
import { render } from '../../testing/render';
import { HistoryPanel } from './HistoryPanel';
import { useVerifyStore } from './verifyStore';

const SIGNER = 'AAAABBBBCCCCDDDDEEEEFFFF0000111122223333';

const entry = (seq: number, kind: string, summary: string) => ({
  line: seq + 1,
  seq,
  at: `2026-02-01T12:0${seq}:00.000Z`,
  actor: 'rm',
  kind,
  summary,
  trusted: true,
});

function showHistory(history: AuditHistoryView) {
  useVerifyStore.setState(({ releaseHistory }) => ({
    releaseHistory: { ...releaseHistory, tag: 'v1.0.0', history, loading: false },
  }));
  return render(<HistoryPanel tag="v1.0.0" />);
}

describe('The release’s history', () => {
  it('lists the newest entry first and marks where the signed head ends', () => {
    showHistory({
      items: [
        entry(0, 'tag-verified', 'tag v1.0.0 verified'),
        entry(1, 'promotion', 'promoted v1.0.0'),
        entry(2, 'withdrawal', 'withdrew countersign-hello-doc: blocked after publication'),
        entry(3, 'verification', 'QA verified apt-prod: verified'),
      ],
      chain: { intact: true, entries: 4, head: 'a'.repeat(64) },
      head: {
        verified: true,
        signedAt: '2026-02-01T12:02:30.000Z',
        signedBy: [SIGNER],
        appendedAfter: 1,
        problem: null,
      },
    });
    const timeline = screen.getByTestId('audit-timeline');
    const rows = within(timeline).getAllByRole('listitem');
    expect(rows.map((row) => row.dataset.kind ?? 'mark')).toEqual([
      'verification',
      'mark',
      'withdrawal',
      'promotion',
      'tag-verified',
    ]);
    expect(rows[0]?.getAttribute('data-after-signature')).toBe('true');
    expect(rows[1]?.textContent).toMatch(/Signed at the last publication/);
    expect(rows[1]?.textContent).toMatch(/The entry above was added since/);
    expect(rows[1]?.textContent).toMatch('AAAA BBBB CCCC DDDD EEEE FFFF 0000 1111 2222 3333');
    expect(rows[2]?.textContent).toMatch('Withdrawn');
    expect(rows[2]?.textContent).toMatch('blocked after publication');
  });

  it('marks nothing when the head cannot be checked, and says why', () => {
    showHistory({
      items: [entry(0, 'promotion', 'promoted v1.0.0')],
      chain: { intact: true, entries: 1, head: 'a'.repeat(64) },
      head: {
        verified: false,
        signedAt: null,
        signedBy: [],
        appendedAfter: 0,
        problem: 'this project holds no release key to check it with (its public part is enough).',
      },
    });
    expect(screen.queryByTestId('audit-head-mark')).toBeNull();
    expect(screen.getByTestId('audit-head').textContent).toMatch(
      /not verified: this project holds no release key/,
    );
  });
});
