import { checkReviewAudit, readKeyringFile } from '../../core/verify/index';
import { auditText } from '../auditText';
import { EXIT } from '../exitCodes';
import { parseOptions, requireOption, withUsage } from '../parseOptions';

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
  const keys = values.keyring ? await readKeyringFile(values.keyring) : null;
  const { history, head, trusted } = await withUsage(auditUsage, checkReviewAudit(reviewDir, keys));
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
  return trusted ? EXIT.ok : EXIT.refused;
}
