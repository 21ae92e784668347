import type { PackageApprovals, ReviewerApproval } from '../../../../shared/reviewers';
import type { LoadedReviewPolicy } from './knownReviewer';
import type { ReplayedDecision } from './replayDecisions';

/** The artifact judged, as the comparison and the review know it now. */
export interface ApprovalTarget {
  project: string;
  tag: string;
  key: string;
  name: string;
  ciSha256: string | null;
  localSha256: string | null;
  /** Identical to the rebuild: counted by `identicalThreshold`, from whole-artifact approvals. */
  identical: boolean;
  /** The report the decisions must be over; null for an identical artifact. */
  reportSha256: string | null;
  /** The differences each reviewer must accept; empty for an identical artifact. */
  differenceIds: readonly string[];
}

/** Why this signed decision does not vouch for these bytes and this report, or null. */
function boundElsewhere(decision: ReplayedDecision, target: ApprovalTarget): string | null {
  const statement = decision.signed?.statement;
  if (!statement) return 'unsigned';
  if (statement.project !== target.project)
    return `signed for another project (${statement.project})`;
  if (statement.tag !== target.tag) return `signed for another release (${statement.tag})`;
  if (
    statement.artifact.key !== target.key ||
    statement.artifact.ciSha256 !== target.ciSha256 ||
    statement.artifact.localSha256 !== target.localSha256
  ) {
    return 'signed over other bytes than the ones compared now';
  }
  if (statement.reportSha256 !== target.reportSha256) return 'signed over another report';
  return null;
}

interface Standing {
  approval: ReviewerApproval;
  counted: boolean;
}

function judgeReviewer(
  fingerprint: string,
  name: string,
  own: ReadonlyMap<string | null, ReplayedDecision>,
  target: ApprovalTarget,
): Standing {
  const wanted: (string | null)[] = target.identical ? [null] : [...target.differenceIds];
  let reason: string | null = null;
  let accepted = 0;
  for (const id of wanted) {
    const decision = own.get(id);
    if (!decision) continue;
    if (decision.signature !== 'valid') {
      reason ??=
        decision.signature === 'revoked'
          ? `revoked: ${decision.problem ?? 'no longer trusted'}`
          : decision.signature === 'unknown-key'
            ? 'not a reviewer the policy pins'
            : `signature ${decision.signature}${decision.problem ? `: ${decision.problem}` : ''}`;
      continue;
    }
    const elsewhere = boundElsewhere(decision, target);
    if (elsewhere) {
      reason ??= elsewhere;
      continue;
    }
    if (decision.decision === 'blocking') {
      reason ??= 'marked a difference as blocking';
      continue;
    }
    accepted += 1;
  }
  if (!reason && accepted < wanted.length) {
    reason = target.identical
      ? 'has not approved it'
      : `accepted ${accepted} of ${wanted.length} differences`;
  }
  return { approval: { name, fingerprint, notCounted: reason }, counted: reason === null };
}

/**
 * A package's approvals under the review policy: for a differing package,
 * the distinct pinned, unrevoked reviewers whose valid signatures accept
 * every one of its differences over the same artifact SHA-256s and report
 * SHA-256 (`threshold` of them needed); for an identical one, their valid
 * approvals of the whole artifact (`identicalThreshold`). A reviewer is
 * counted once however often they signed; every reviewer who signed anything
 * about it is listed, with why they do not count when they do not.
 */
export function countApprovals(
  loaded: LoadedReviewPolicy,
  target: ApprovalTarget,
  decisions: ReadonlyMap<string | null, readonly ReplayedDecision[]>,
): PackageApprovals {
  const needed = target.identical ? loaded.policy.identicalThreshold : loaded.policy.threshold;
  // Each reviewer's own current decisions, by difference; unsigned ones vouch for no one.
  const byReviewer = new Map<string, { name: string; own: Map<string | null, ReplayedDecision> }>();
  for (const [id, list] of decisions) {
    for (const decision of list) {
      if (!decision.signed || decision.signature === 'invalid') continue;
      const fingerprint = decision.signed.reviewer;
      const name = decision.reviewer?.name ?? fingerprint;
      const entry = byReviewer.get(fingerprint) ?? { name, own: new Map() };
      entry.own.set(id, decision);
      byReviewer.set(fingerprint, entry);
    }
  }
  const standings = [...byReviewer].map(([fingerprint, { name, own }]) =>
    judgeReviewer(fingerprint, name, own, target),
  );
  const counted = standings.filter((standing) => standing.counted).length;
  return {
    artifact: target.name,
    needed,
    approvedBy: standings
      .sort((a, b) => Number(b.counted) - Number(a.counted))
      .map((standing) => standing.approval),
    missing: Math.max(0, needed - counted),
  };
}
