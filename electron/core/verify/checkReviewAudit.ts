import { stat } from 'node:fs/promises';
import type * as openpgp from 'openpgp';
import { CountersignError, toAppError, type AppError } from '../../../shared/errors';
import { verifyAuditHead, type AuditHeadCheck } from '../audit/auditHead';
import { auditHistory, type AuditHistory } from '../audit/auditHistory';

/** The signed head as checked: its verdict, or the refusal it came to. */
export type AuditHeadOutcome = { checked: AuditHeadCheck } | { error: AppError };

/** A review's audit trail, and whether it can be trusted. */
export interface ReviewAudit {
  history: AuditHistory;
  /** Checked only when keys are given. */
  head: AuditHeadOutcome | null;
  /** The chain is intact and, when checked, the head verifies. */
  trusted: boolean;
}

/**
 * Reads a review folder's audit log, checks its hash chain and, with the
 * release's public keys, its signed head: a log cut back or rewritten after
 * signing is a finding (AUDIT_HEAD_MISMATCH), not an error.
 */
export async function checkReviewAudit(
  reviewDir: string,
  keys: openpgp.PublicKey[] | null,
): Promise<ReviewAudit> {
  const folder = await stat(reviewDir).catch(() => null);
  if (!folder?.isDirectory()) {
    throw new CountersignError(
      'INVALID_REQUEST',
      `${JSON.stringify(reviewDir)} is not a review folder.`,
    );
  }
  const history = await auditHistory(reviewDir);
  let head: AuditHeadOutcome | null = null;
  if (keys) {
    try {
      head = { checked: await verifyAuditHead(reviewDir, keys) };
    } catch (error) {
      if (!(error instanceof CountersignError) || error.code !== 'AUDIT_HEAD_MISMATCH') throw error;
      head = { error: toAppError(error) };
    }
  }
  const headOk = !head || ('checked' in head && head.checked.signed);
  return { history, head, trusted: history.chain.intact && headOk };
}
