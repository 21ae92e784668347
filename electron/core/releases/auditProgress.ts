import type { AuditEntry } from '../../../shared/audit';
import type { ReleaseState } from '../../../shared/releases';

/** The parts of a release's state only its audit log records. */
export type AuditProgress = Pick<ReleaseState, 'tagVerified' | 'promoted' | 'verified'>;

const text = (value: unknown) => (typeof value === 'string' ? value : null);
const lastIndexOf = (entries: readonly AuditEntry[], test: (entry: AuditEntry) => boolean) =>
  entries.findLastIndex(test);

/**
 * Reads, from a release's trusted audit entries: the last verification of
 * its tag (rebuilds record one), its promotion unless a rollback came after
 * it, and QA's verification of apt-prod made after that promotion (one made
 * before it checked something else).
 */
export function auditProgress(tag: string, entries: readonly AuditEntry[]): AuditProgress {
  const verifiedTag = entries.findLast(
    (entry) => entry.kind === 'tag-verified' && (entry.data.tag ?? tag) === tag,
  );
  const promotion = lastIndexOf(entries, (entry) => entry.kind === 'promotion');
  const rollback = lastIndexOf(entries, (entry) => entry.kind === 'rollback');
  const promoted = promotion > rollback ? entries[promotion] : undefined;
  const verification = promoted
    ? entries.slice(promotion + 1).findLast((entry) => entry.kind === 'verification')
    : undefined;
  return {
    tagVerified: verifiedTag
      ? {
          at: text(verifiedTag.data.checkedAt) ?? verifiedTag.at,
          signer: text(verifiedTag.data.signer),
        }
      : null,
    promoted: promoted ? { at: promoted.at, to: text(promoted.data.to) ?? '' } : null,
    verified: verification
      ? { at: verification.at, passed: verification.data.status === 'verified' }
      : null,
  };
}
