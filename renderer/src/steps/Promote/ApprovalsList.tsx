import type { PackageApprovals } from '../../../../shared/reviewers';
import { Fingerprint } from '../../components/Fingerprint';
import { UntrustedText } from '../../components/UntrustedText';

/** "1 of 2 approvals — 1 missing", "2 of 2 approvals — none missing", or why none is needed. */
export function approvalCountText(approvals: PackageApprovals): string {
  if (approvals.needed === 0) return 'No approval needed';
  const counted = approvals.approvedBy.filter((approval) => approval.notCounted === null).length;
  const of = `${Math.min(counted, approvals.needed)} of ${approvals.needed} approval${approvals.needed === 1 ? '' : 's'}`;
  return approvals.missing === 0 ? `${of} — none missing` : `${of} — ${approvals.missing} missing`;
}

/**
 * Under the project's review policy, each package's approvals: who approved
 * (by name and key), how many are still missing, and why a signature found
 * does not count (revoked, unknown key, another report…).
 */
export function ApprovalsList({ approvals }: { approvals: readonly PackageApprovals[] }) {
  if (approvals.length === 0) return null;
  return (
    <section
      className="promote-approvals"
      aria-labelledby="promote-approvals-heading"
      data-testid="promote-approvals"
    >
      <h3 className="facts__title facts__title--follow" id="promote-approvals-heading">
        Reviewers’ approvals
      </h3>
      <ul className="promote-approvals__list">
        {approvals.map((entry) => (
          <li
            key={entry.artifact}
            className="promote-approvals__package"
            data-testid="promote-approval"
            data-artifact={entry.artifact}
            data-missing={entry.missing}
          >
            <p className="promote-approvals__line">
              <strong>
                <UntrustedText text={entry.artifact} />
              </strong>
              :{' '}
              <span data-testid="promote-approval-count">
                <span aria-hidden="true">{entry.missing === 0 ? '✓' : '○'}</span>{' '}
                {approvalCountText(entry)}
              </span>
            </p>
            {entry.approvedBy.length > 0 ? (
              <ul className="promote-approvals__reviewers">
                {entry.approvedBy.map((approval) => (
                  <li
                    key={approval.fingerprint}
                    data-testid="promote-approval-reviewer"
                    data-counted={approval.notCounted === null}
                    data-fingerprint={approval.fingerprint}
                  >
                    <UntrustedText text={approval.name} />{' '}
                    <Fingerprint value={approval.fingerprint} />
                    {approval.notCounted === null ? (
                      ' — approved'
                    ) : (
                      <span data-testid="promote-approval-not-counted">
                        {' — does not count: '}
                        <UntrustedText text={approval.notCounted} />
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
