import { stat } from 'node:fs/promises';
import { CountersignError, toAppError } from '../../../shared/errors';
import { verifyAuditHead } from '../../core/audit/auditHead';
import { auditHistory } from '../../core/audit/auditHistory';
import { auditText, type AuditHeadOutcome } from '../auditText';
import { EXIT } from '../exitCodes';
import { parseOptions, requireOption } from '../parseOptions';
import { readKeyringFile } from '../readKeyringFile';

export const auditUsage =
  'countersign audit --review DIR [--keyring FILE] [--json]\n' +
  "  Prints a review's audit trail and checks its hash chain. With --keyring (the release public\n" +
  '  key), also checks the signed head (audit-head.json): the log must still hold the signed line.\n' +
  '  Exit 0 when intact (and the head verifies, when asked), 1 when broken or mismatched, 2 for bad input.';

/** `countersign audit`: the audit trail of one review, and whether it can be trusted. */
export async function auditCommand(args: string[]): Promise<number> {
  const values = parseOptions(
    args,
    { review: { type: 'string' }, keyring: { type: 'string' }, json: { type: 'boolean' } },
    auditUsage,
  );
  const reviewDir = requireOption(values.review, 'review', auditUsage);
  const folder = await stat(reviewDir).catch(() => null);
  if (!folder?.isDirectory()) {
    throw new CountersignError(
      'INVALID_REQUEST',
      `${JSON.stringify(reviewDir)} is not a review folder.`,
      `Usage: ${auditUsage}`,
    );
  }
  const keys = values.keyring ? await readKeyringFile(values.keyring) : null;
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
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          chain: history.chain,
          items: history.items,
          head: head && 'checked' in head ? head.checked : head,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    process.stdout.write(`${auditText(history, head)}\n`);
  }
  return history.chain.intact && headOk ? EXIT.ok : EXIT.refused;
}
