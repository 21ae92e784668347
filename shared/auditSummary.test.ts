import { describe, expect, it } from 'vitest';
import { summarizeAuditEntry } from './auditSummary';

describe('summarizeAuditEntry', () => {
  it('says in one line what each kind of entry records', () => {
    expect(
      summarizeAuditEntry({
        kind: 'rebuild-finished',
        data: { tag: 'v1', artifacts: [{ name: 'a' }, { name: 'b' }] },
      }),
    ).toBe('rebuild of v1 finished: 2 artifacts');
    expect(
      summarizeAuditEntry({
        kind: 'compare',
        data: { identical: false, summary: { identical: 1, differs: 1, onlyCi: 1, onlyLocal: 0 } },
      }),
    ).toBe("CI's artifacts compared: 1 identical, 1 differ, 1 only in CI");
    expect(
      summarizeAuditEntry({
        kind: 'promotion-refused',
        data: { tag: 'v1', to: 'apt-prod', blockers: ['unreviewed'] },
      }),
    ).toBe('promotion of v1 to apt-prod refused: unreviewed');
    expect(
      summarizeAuditEntry({ kind: 'rollback', data: { to: 'prod', from: 'p2', restored: 'p1' } }),
    ).toBe('rolled prod back from publication p2 to p1');
  });

  it('names kinds it does not know without guessing, and tolerates odd data', () => {
    expect(summarizeAuditEntry({ kind: 'future', data: { a: 1 } })).toBe('future (1 field)');
    expect(summarizeAuditEntry({ kind: 'promotion', data: { tag: 5 } })).toBe(
      'promoted ? to ? (0 packages), publication ?',
    );
  });
});
