import { describe, expect, it } from 'vitest';
import type { AuditHistoryView } from '../../../../shared/audit';
import { timelineRows } from './historyTimeline';

const item = (seq: number, kind: string) => ({
  line: seq + 1,
  seq,
  at: `2026-02-01T12:0${seq}:00.000Z`,
  actor: 'qa',
  kind,
  summary: kind,
  trusted: true,
});

const history = (head: AuditHistoryView['head']): AuditHistoryView => ({
  items: [item(0, 'tag-verified'), item(1, 'promotion'), item(2, 'verification')],
  chain: { intact: true, entries: 3, head: 'a'.repeat(64) },
  head,
});

const signed = (appendedAfter: number) => ({
  verified: true,
  signedAt: '2026-02-01T12:01:30.000Z',
  signedBy: ['F'.repeat(40)],
  appendedAfter,
  problem: null,
});

const shape = (rows: ReturnType<typeof timelineRows>) =>
  rows.map((row) => (row.kind === 'entry' ? row.item.kind : '— signed —'));

describe('timelineRows', () => {
  it('lists the newest entry first and marks where the signed head ends', () => {
    const rows = timelineRows(history(signed(1)));
    expect(shape(rows)).toEqual(['verification', '— signed —', 'promotion', 'tag-verified']);
    expect(rows[0]).toMatchObject({ afterSignature: true });
    expect(rows[2]).toMatchObject({ afterSignature: false });
  });

  it('puts the mark on top when nothing was added since the signature', () => {
    expect(shape(timelineRows(history(signed(0))))[0]).toBe('— signed —');
  });

  it('marks nothing for a log never signed, or a head that does not verify', () => {
    expect(shape(timelineRows(history(null)))).toEqual([
      'verification',
      'promotion',
      'tag-verified',
    ]);
    const failed = { ...signed(1), verified: false, problem: 'cut back' };
    expect(shape(timelineRows(history(failed)))).not.toContain('— signed —');
  });
});
