import type { AuditHistoryView } from '../../../../shared/audit';

type HistoryItem = AuditHistoryView['items'][number];

/** One row of the timeline: an entry, or the mark where the signed head ends. */
export type TimelineRow =
  | { kind: 'entry'; item: HistoryItem; afterSignature: boolean }
  | { kind: 'signed-head'; signedAt: string | null; signedBy: string[]; appendedAfter: number };

/**
 * The history newest first, as people read a log: what happened last on
 * top. When the head signed at the last publication verifies, a mark sits
 * right above the last entry it covers, so the entries added since stand
 * above it; an unverified head marks nothing (its position cannot be trusted).
 */
export function timelineRows(history: AuditHistoryView): TimelineRow[] {
  const newestFirst = [...history.items].reverse();
  const head = history.head?.verified ? history.head : null;
  const after = head ? Math.min(head.appendedAfter, newestFirst.length) : 0;
  const rows: TimelineRow[] = newestFirst.map((item, index) => ({
    kind: 'entry',
    item,
    afterSignature: head !== null && index < after,
  }));
  if (head) {
    rows.splice(after, 0, {
      kind: 'signed-head',
      signedAt: head.signedAt,
      signedBy: head.signedBy,
      appendedAfter: head.appendedAfter,
    });
  }
  return rows;
}
