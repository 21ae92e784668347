import type { AuditChainState, AuditHistoryView } from '../../../../shared/audit';
import type { BrokenLink, RepositoryVerification } from '../../../../shared/verify';

/** Each link of a package's chain, in the words of a release manager. */
export const BROKEN_LINK_LABEL: Record<BrokenLink, string> = {
  signature: 'Repository signature',
  release: 'Release file',
  index: 'Package index',
  review: 'Review',
  tag: 'Release tag',
};

/** The counts the verdict banner states. */
export function verificationCounts(result: RepositoryVerification): {
  packages: number;
  failed: number;
  suites: number;
} {
  const packages = result.suites.flatMap((suite) => suite.packages);
  return {
    packages: packages.length,
    failed: packages.filter((pkg) => pkg.status === 'failed').length,
    suites: result.suites.length,
  };
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** One sentence for the verdict banner. */
export function verdictSummary(result: RepositoryVerification): string {
  const { packages, failed, suites } = verificationCounts(result);
  if (suites === 0) return 'apt-prod has no suite to verify: nothing is published.';
  if (result.status === 'verified') {
    const attested = result.attestations ? ', and its attestations verify' : '';
    const reach =
      result.reviewDir === null
        ? "from the keyring's signature to each package's bytes (no review was given)"
        : 'from the release key to the review';
    return `Every link holds for ${plural(packages, 'package', 'packages')} in ${plural(suites, 'suite', 'suites')}, ${reach}${attested}.`;
  }
  const parts: string[] = [];
  if (failed > 0) parts.push(`${plural(failed, 'package', 'packages')} of ${packages} failed`);
  const extra = result.extraFiles?.length ?? 0;
  if (extra > 0) parts.push(plural(extra, 'file nobody listed', 'files nobody listed'));
  if (result.unexpected.length > 0) {
    parts.push(plural(result.unexpected.length, 'unexpected finding', 'unexpected findings'));
  }
  if (result.attestations?.status === 'failed')
    parts.push("the release's attestations do not hold");
  if (parts.length === 0) parts.push('a signature, the Release or an index does not hold');
  return `apt-prod does not verify: ${parts.join('; ')}. Do not announce this release.`;
}

/** The chain state in one sentence. */
export function chainSummary(chain: AuditChainState): string {
  if (chain.intact) {
    return `Intact: ${plural(chain.entries, 'entry', 'entries')}, each linked to the one before.`;
  }
  return `Broken at line ${chain.brokenAtLine} (${chain.kind}): ${chain.reason}. Only the ${plural(chain.entries, 'entry', 'entries')} before it can be trusted.`;
}

/** Whether the signed head holds: verified, refused with a problem, or never signed. */
export function headState(head: AuditHistoryView['head']): 'verified' | 'failed' | 'unsigned' {
  if (head === null) return 'unsigned';
  return head.verified ? 'verified' : 'failed';
}

const KIND_LABELS: Record<string, string> = {
  'tag-verified': 'Tag verified',
  'review-folder-adopted': 'Review folder adopted',
  'rebuild-started': 'Rebuild started',
  'rebuild-finished': 'Rebuild finished',
  compare: 'Compared',
  decision: 'Decision',
  promotion: 'Promoted',
  'promotion-refused': 'Promotion refused',
  'signing-refused': 'Signing refused',
  withdrawal: 'Withdrawn',
  rollback: 'Rolled back',
  verification: 'QA verification',
  'attestations-exported': 'Attestations exported',
};

/** An audit entry's kind as people say it; a kind this window does not know is shown as written. */
export function auditKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}
