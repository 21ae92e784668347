import { describe, expect, it } from 'vitest';
import type { AuditHistory } from '../core/verify/index';
import { auditText } from './auditText';

const item = (seq: number, kind: string, summary: string) => ({
  line: seq + 1,
  seq,
  at: `2026-02-01T12:0${seq}:00.000Z`,
  actor: 'rm',
  kind,
  summary,
  trusted: true,
});

const history: AuditHistory = {
  items: [
    item(0, 'tag-verified', 'tag v1 verified'),
    item(1, 'promotion', 'promoted v1'),
    item(2, 'verification', 'QA verified'),
  ],
  chain: { intact: true, entries: 3, head: 'a'.repeat(64) },
};

const signedAt = (seq: number, appendedAfter: number) => ({
  checked: {
    signed: true as const,
    head: { seq, sha256: 'b'.repeat(64), signedAt: '2026-02-01T12:01:30.000Z', signer: 'rm' },
    signedBy: ['AAAABBBBCCCCDDDDEEEEFFFF0000111122223333'],
    appendedAfter,
    chain: history.chain,
  },
});

describe('auditText', () => {
  it('keeps a log’s order, and rules off where the signed head ends', () => {
    const lines = auditText(history, signedAt(1, 1)).split('\n');
    expect(lines[0]).toContain('tag-verified');
    expect(lines[1]).toContain('promotion');
    expect(lines[2]).toMatch(
      /── signed at the last publication, 2026-02-01T12:01:30.000Z: the entry below was added since ──/,
    );
    expect(lines[3]).toContain('verification');
    expect(lines[3]).toContain('[after the last signature]');
  });

  it('groups the signing key’s fingerprint in fours', () => {
    expect(auditText(history, signedAt(2, 0))).toContain(
      '(key AAAA BBBB CCCC DDDD EEEE FFFF 0000 1111 2222 3333)',
    );
    expect(auditText(history, signedAt(2, 0))).toContain('nothing was added since');
  });

  it('draws no rule when the head was not checked', () => {
    expect(auditText(history, null)).not.toContain('──');
  });
});
