import type { PromotionPlan, PromotionResult } from '../../shared/promote';
import { groupedFingerprint } from '../../shared/auditSummary';
import { safeForTerminal } from './terminalText';

const safe = (text: string) => safeForTerminal(text);

function candidateLines(plan: PromotionPlan): string[] {
  return plan.candidates.map((candidate) => {
    const mark =
      candidate.refusals.length > 0 ? 'refused' : candidate.selected ? 'promote' : 'skip';
    const head = `  ${mark.padEnd(8)}${safe(candidate.package)} ${safe(candidate.version)} ${safe(candidate.architecture)}  ${candidate.sha256.slice(0, 16)}…  ${safe(candidate.evidence)}`;
    return [
      head,
      ...candidate.refusals.map(
        (refusal) => `            ${refusal.code}: ${safe(refusal.message)}`,
      ),
    ].join('\n');
  });
}

function changeLines(plan: PromotionPlan): string[] {
  return plan.changes.map((change) => {
    const what =
      change.action === 'replace' || change.action === 'downgrade'
        ? `${safe(change.previousVersion ?? '?')} → ${safe(change.version)}`
        : safe(change.version);
    return `  ${change.action.padEnd(10)}${safe(change.package)} ${what} (${safe(change.architecture)}, ${safe(change.component)})  ${safe(change.poolPath)}`;
  });
}

/** Under a review policy: per package, who approved, who signed without counting, and what is missing. */
export function approvalLines(plan: PromotionPlan): string[] {
  if (!plan.approvals) return [];
  const lines = ['', 'Approvals (review policy):'];
  for (const approvals of plan.approvals) {
    const counted = approvals.approvedBy.filter((approval) => approval.notCounted === null);
    lines.push(
      `  ${approvals.missing === 0 ? '✔' : '✘'} ${safe(approvals.artifact)}: ${counted.length} of ${approvals.needed} needed${approvals.missing > 0 ? `, ${approvals.missing} missing` : ''}`,
    );
    for (const approval of approvals.approvedBy) {
      lines.push(
        `      ${approval.notCounted === null ? 'approved' : 'not counted'}  ${safe(approval.name)} (${groupedFingerprint(approval.fingerprint)})${approval.notCounted === null ? '' : `: ${safe(approval.notCounted)}`}`,
      );
    }
  }
  return lines;
}

/** The plan as a release manager reads it before anything is signed. */
export function planText(plan: PromotionPlan): string {
  const lines = [
    `Promotion of ${safe(plan.tag)}: ${safe(plan.from)} → ${safe(plan.to)}`,
    `Tag: ${plan.tagGate.verified ? `verified (signer ${plan.tagGate.signer ?? '?'}, commit ${plan.tagGate.commit ?? '?'})` : `NOT verified: ${safe(plan.tagGate.problem ?? '')}`}`,
    plan.signer
      ? `Signing key: ${plan.signer.signingKey.algorithm} ${plan.signer.signingKey.fingerprint}${plan.signer.signingKey.isSubkey ? ` (subkey of ${plan.signer.fingerprint})` : ''}, ${safe(plan.signer.userIds[0] ?? '')}`
      : `Signing key: none usable (${safe(plan.signerProblem ?? 'not given')})`,
    '',
    'Packages of the release:',
    ...candidateLines(plan),
    ...approvalLines(plan),
    '',
    'apt-prod changes:',
    ...(plan.changes.length > 0 ? changeLines(plan) : ['  (none)']),
    `  kept: ${plan.kept.length} package(s) already served`,
    ...plan.publicationRefusals.map(
      (refusal) =>
        `  refused   ${safe(refusal.package)} ${safe(refusal.version)}: ${refusal.code}: ${safe(refusal.message)}`,
    ),
  ];
  if (plan.release) {
    lines.push(
      '',
      `New Release: ${safe(plan.release.origin)} / ${safe(plan.release.suite)} (${safe(plan.release.codename)}), ${plan.release.components.join(' ')} for ${plan.release.architectures.join(' ')}, ${plan.release.files.length} index files`,
    );
  }
  for (const artifact of plan.detached) {
    lines.push(
      `Detached: ${safe(artifact.name)} ${artifact.sha256.slice(0, 16)}… ${artifact.refusals.length ? 'refused' : 'signed with .asc'}`,
    );
  }
  lines.push(
    '',
    plan.canPromote
      ? 'The plan can be published.'
      : `Cannot promote:\n${plan.blockers.map((blocker) => `  - ${safe(blocker)}`).join('\n')}`,
    '',
  );
  return `${lines.join('\n')}\n`;
}

/** What was published. */
export function resultText(result: PromotionResult): string {
  return [
    `Published ${safe(result.plan.tag)} to ${safe(result.plan.to)}: publication ${result.publication.id}`,
    `Signed by ${result.signedBy}; Release SHA-256 ${result.publication.releaseSha256 ?? '?'}`,
    result.previous
      ? `Previous publication kept for rollback: ${result.previous.id}`
      : 'First publication.',
    ...result.detachedFiles.map((file) => `Signed ${safe(file)}`),
    ...result.attestations.map((file) => `Attested ${safe(file)}`),
    ...(result.attestations.length === 0
      ? ['No attestations were published; write them with countersign attest export.']
      : []),
    '',
  ].join('\n');
}
