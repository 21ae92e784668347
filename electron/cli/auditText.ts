import type { AuditChainState } from '../../shared/audit';
import { groupedFingerprint } from '../../shared/auditSummary';
import type { AuditHeadOutcome, AuditHistory } from '../core/verify/index';
import { safeForTerminal } from './terminalText';

const safe = (text: string) => safeForTerminal(text);

function chainLine(chain: AuditChainState): string {
  return chain.intact
    ? `✔ chain intact: ${chain.entries} entr${chain.entries === 1 ? 'y' : 'ies'}`
    : `✘ chain broken at line ${chain.brokenAtLine} (${chain.kind}): ${safe(chain.reason)}; only the ${chain.entries} line(s) before it are trusted`;
}

function headLines(outcome: AuditHeadOutcome): string[] {
  if ('error' in outcome) {
    return [
      `✘ signed head: ${outcome.error.code}: ${safe(outcome.error.message)}`,
      ...(outcome.error.hint ? [`  ${safe(outcome.error.hint)}`] : []),
    ];
  }
  const check = outcome.checked;
  if (!check.signed) return ['✘ signed head: the log has never been signed (no audit-head.json)'];
  return [
    `✔ signed head: seq ${check.head.seq} signed ${safe(check.head.signedAt)} by ${safe(check.head.signer)} (key ${check.signedBy.map(groupedFingerprint).join(', ')})`,
    ...(check.appendedAfter > 0
      ? [
          `  ${check.appendedAfter} entr${check.appendedAfter === 1 ? 'y' : 'ies'} after the last signature`,
        ]
      : []),
  ];
}

/**
 * A review's audit trail for a terminal, oldest first as a log reads (the
 * newest entry lands last, next to the prompt, and `| tail` shows it): one
 * line per entry (time, actor, kind, summary), a rule where the signed head
 * ends when it verifies (the entries under it were added since), then the
 * chain's state and, when checked, the signed head's. Everything read from
 * the log is escaped: it may have been written by anyone.
 */
export function auditText(history: AuditHistory, head: AuditHeadOutcome | null): string {
  const signed = head && 'checked' in head && head.checked.signed ? head.checked : null;
  const signedUpTo = signed ? signed.head.seq : null;
  const lines: string[] = [];
  for (const item of history.items) {
    const marks = [
      item.trusted ? null : 'UNTRUSTED',
      signedUpTo !== null && item.seq > signedUpTo ? 'after the last signature' : null,
    ].filter((mark) => mark !== null);
    lines.push(
      `${String(item.line).padStart(4)}  ${safe(item.at)}  ${safe(item.actor)}  ${safe(item.kind)}: ${safe(item.summary)}${marks.length > 0 ? `  [${marks.join(', ')}]` : ''}`,
    );
    if (signed && item.seq === signed.head.seq) {
      lines.push(
        `      ── signed at the last publication, ${safe(signed.head.signedAt)}: ${
          signed.appendedAfter === 0
            ? 'nothing was added since'
            : `the ${signed.appendedAfter === 1 ? 'entry' : `${signed.appendedAfter} entries`} below ${signed.appendedAfter === 1 ? 'was' : 'were'} added since`
        } ──`,
      );
    }
  }
  return [
    ...(lines.length > 0 ? lines : ['  (no entries)']),
    '',
    chainLine(history.chain),
    ...(head ? headLines(head) : []),
  ].join('\n');
}
