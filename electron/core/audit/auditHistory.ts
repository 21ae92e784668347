import type { AuditChainState } from '../../../shared/audit';
import { summarizeAuditEntry, type DecisionSignature } from '../../../shared/auditSummary';
import { checkDecisionEntry, reviewersInLog, type KnownReviewer } from '../lib/reviewers/index';
import { inspectAuditLog } from './auditLog';

/** One entry of a review's history as people read it. */
export interface AuditHistoryItem {
  /** 1-based line of audit.jsonl. */
  line: number;
  seq: number;
  at: string;
  actor: string;
  kind: string;
  summary: string;
  /** False for entries at or after the line where the chain broke: they may have been altered. */
  trusted: boolean;
}

export interface AuditHistory {
  items: AuditHistoryItem[];
  chain: AuditChainState;
}

/**
 * A review's audit log as a history: every line that is still an entry, in
 * file order, each with a one-line summary, and the chain's state. Entries
 * from the break on are kept (they are evidence) but marked untrusted.
 */
export async function auditHistory(
  reviewDir: string,
  options: { reviewers?: readonly KnownReviewer[] } = {},
): Promise<AuditHistory> {
  const { lines, state } = await inspectAuditLog(reviewDir);
  // Decisions' signatures: against the policy's pinned reviewers when given, else the keys the log carries.
  const entries = lines.map((line) => line.entry).filter((entry) => entry !== null);
  const reviewers = options.reviewers ?? (await reviewersInLog(entries));
  const trustedLines = state.intact ? lines.length : state.brokenAtLine - 1;
  const items: AuditHistoryItem[] = [];
  for (const [index, line] of lines.entries()) {
    if (!line.entry) continue;
    const { seq, at, actor, kind } = line.entry;
    let decision: DecisionSignature | undefined;
    if (kind === 'decision') {
      const checked = await checkDecisionEntry(line.entry, reviewers);
      decision = { signature: checked.signature, reviewer: checked.reviewer?.name ?? null };
    }
    items.push({
      line: index + 1,
      seq,
      at,
      actor,
      kind,
      summary: summarizeAuditEntry(line.entry, decision),
      trusted: index < trustedLines,
    });
  }
  return { items, chain: state };
}
