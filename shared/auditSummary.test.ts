import { describe, expect, it } from 'vitest';
import { groupedFingerprint, summarizeAuditEntry } from './auditSummary';

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

  it('groups fingerprints in fours, and leaves anything else as it is', () => {
    expect(groupedFingerprint('aaaabbbbccccddddeeeeffff0000111122223333')).toBe(
      'AAAA BBBB CCCC DDDD EEEE FFFF 0000 1111 2222 3333',
    );
    expect(groupedFingerprint('not a key')).toBe('not a key');
    expect(
      summarizeAuditEntry({
        kind: 'tag-verified',
        data: {
          tag: 'v1',
          commit: 'c'.repeat(40),
          signer: 'AAAABBBBCCCCDDDDEEEEFFFF0000111122223333',
        },
      }),
    ).toBe(
      'tag v1 verified at commit cccccccccccc…, signed by AAAA BBBB CCCC DDDD EEEE FFFF 0000 1111 2222 3333',
    );
  });

  it('says what the signing refusals, withdrawals and adopted review folders record', () => {
    const key = '0123456789ABCDEF0123456789ABCDEF01234567';
    expect(
      summarizeAuditEntry({
        kind: 'signing-refused',
        data: {
          tag: 'v1',
          withdraw: 'hello-doc',
          signingKey: key,
          reason: 'The passphrase is wrong.',
        },
      }),
    ).toBe(
      'signing the withdrawal of hello-doc refused with the release key 0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567: The passphrase is wrong.',
    );
    expect(
      summarizeAuditEntry({
        kind: 'withdrawal',
        data: {
          package: 'hello-doc',
          versions: ['1.0.0'],
          to: '/srv/apt-prod',
          publication: 'p3',
          signedBy: key,
          reason: 'blocked after publication',
        },
      }),
    ).toBe(
      'withdrew hello-doc 1.0.0 from /srv/apt-prod, publication p3, signed by 0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567; reason: blocked after publication',
    );
    expect(
      summarizeAuditEntry({
        kind: 'review-folder-adopted',
        data: { from: '/old/hello/v1', project: 'hello-1a2b' },
      }),
    ).toContain('adopted by the project hello-1a2b');
  });

  it("names a decision's reviewer by name and fingerprint, and whether the signature holds", () => {
    const fpr = 'ABCD'.repeat(10);
    const data = {
      decision: 'accepted',
      differenceId: 'a ▸ b',
      name: 'doc.deb',
      comment: 'timestamp',
      signed: { reviewer: fpr },
    };
    expect(
      summarizeAuditEntry({ kind: 'decision', data }, { signature: 'valid', reviewer: 'Alice' }),
    ).toBe(
      `accepted a ▸ b in doc.deb: timestamp — by Alice (${'ABCD '.repeat(9)}ABCD), signature valid`,
    );
    expect(
      summarizeAuditEntry({ kind: 'decision', data }, { signature: 'invalid', reviewer: null }),
    ).toMatch(/signature INVALID$/);
    expect(
      summarizeAuditEntry({
        kind: 'decision',
        data: { ...data, differenceId: null, signed: undefined },
      }),
    ).toBe('approved the whole of doc.deb (identical to the rebuild): timestamp — unsigned');
  });
});
