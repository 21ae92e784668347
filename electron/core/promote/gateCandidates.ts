import { CI_ONLY_PHRASE } from '../../../shared/artifactCounts';
import type { ArtifactComparison } from '../../../shared/compare';
import type { GateRefusal, PromotionCandidate } from '../../../shared/promote';
import type { PackageApprovals } from '../../../shared/reviewers';
import type { AptPackage } from '../lib/apt/aptTypes';
import type { ArtifactStanding } from '../lib/reviewFolder/decisions';
import type { TagGate } from '../lib/reviewFolder/tagGate';

/** What the gate knows about a release when it judges each package. */
export interface GateFacts {
  tagGate: TagGate;
  /** Why the review's audit log cannot be trusted, or null when its chain is intact. */
  auditProblem: string | null;
  /** The comparison's rows that have a Debian package on CI's side. */
  rows: ArtifactComparison[];
  /** apt-test's packages now, as its signed indexes list them. */
  aptTest: AptPackage[];
  /** Step 4's standing of every row that differed, by key. */
  standings: ReadonlyMap<string, ArtifactStanding>;
  /** Package names asked for; empty: every package that passes. */
  requested: readonly string[];
  /** Under a review policy, each row's approvals by key; absent without a policy. */
  approvals?: ReadonlyMap<string, PackageApprovals>;
}

const identityOf = (pkg: { package: string; version: string; architecture: string }) =>
  `${pkg.package}\u0000${pkg.version}\u0000${pkg.architecture}`;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The refusal of a package short of the review policy's approvals, naming
 * who counted, who signed without counting (and why), and how many are
 * missing; null when it has enough.
 */
export function approvalRefusal(approvals: PackageApprovals | undefined): GateRefusal | null {
  if (!approvals || approvals.missing === 0) return null;
  const counted = approvals.approvedBy.filter((approval) => approval.notCounted === null);
  const uncounted = approvals.approvedBy.filter((approval) => approval.notCounted !== null);
  const by =
    counted.length > 0
      ? ` (${counted.map((approval) => `${approval.name} ${approval.fingerprint}`).join(', ')})`
      : '';
  const not =
    uncounted.length > 0
      ? ` Not counted: ${uncounted.map((approval) => `${approval.name} ${approval.fingerprint}: ${approval.notCounted ?? ''}`).join('; ')}.`
      : '';
  return {
    code: 'NOT_ENOUGH_APPROVALS',
    message: `The review policy needs ${plural(approvals.needed, 'approval')} by distinct pinned reviewers and it has ${counted.length}${by}: ${plural(approvals.missing, 'approval')} missing.${not}`,
  };
}

/** The evidence behind a row, for people, and what refuses it on steps 3 and 4. */
function reviewEvidence(
  row: ArtifactComparison,
  standing: ArtifactStanding | undefined,
): { evidence: string; refusal: GateRefusal | null } {
  if (row.status === 'identical') {
    return { evidence: 'identical to the local rebuild', refusal: null };
  }
  if (row.status === 'only-ci') {
    return {
      evidence: CI_ONLY_PHRASE,
      refusal: {
        code: 'NOT_REBUILT',
        message: `${capitalised(CI_ONLY_PHRASE)}: the tagged source does not build this package, so nothing vouches for its bytes. No review decision approves it; it is never promoted.`,
      },
    };
  }
  if (!standing || standing.verdict === 'awaiting-report') {
    return {
      evidence: 'differs from the rebuild; not reviewed',
      refusal: {
        code: 'NOT_APPROVED',
        message:
          'It differs from the rebuild and its differences have not been reviewed (no report yet).',
      },
    };
  }
  const accepted = plural(standing.counts.accepted, 'difference');
  const by = standing.reviewers.length > 0 ? ` by ${standing.reviewers.join(', ')}` : '';
  if (standing.verdict === 'approved') {
    return { evidence: `differs from the rebuild; ${accepted} accepted${by}`, refusal: null };
  }
  const message =
    standing.verdict === 'blocked'
      ? `A reviewer marked ${plural(standing.counts.blocking, 'difference')} as blocking.`
      : `${plural(standing.counts.unreviewed, 'difference')} still await a decision.`;
  return {
    evidence: `differs from the rebuild; ${accepted} accepted`,
    refusal: { code: 'NOT_APPROVED', message },
  };
}

/**
 * Judges every package of the release at the gate: its tag verified, the
 * review's audit log intact, its apt-test bytes still the bytes that were
 * compared, and it identical to the rebuild or approved in review. Pure: the
 * caller gathers the facts.
 */
export function gateCandidates(facts: GateFacts): PromotionCandidate[] {
  const inAptTest = new Map(facts.aptTest.map((pkg) => [identityOf(pkg), pkg]));
  const requested = new Set(facts.requested);
  const candidates: PromotionCandidate[] = [];
  for (const row of facts.rows) {
    const deb = row.ci?.deb;
    if (!row.ci || !deb) continue;
    const refusals: GateRefusal[] = [];
    if (!facts.tagGate.verified) {
      refusals.push({
        code: 'TAG_NOT_VERIFIED',
        message: facts.tagGate.problem ?? 'The tag did not verify.',
      });
    }
    if (facts.auditProblem) {
      refusals.push({ code: 'AUDIT_LOG_BROKEN', message: facts.auditProblem });
    }
    const { evidence, refusal } = reviewEvidence(row, facts.standings.get(row.key));
    if (refusal) refusals.push(refusal);
    const short = row.status === 'only-ci' ? null : approvalRefusal(facts.approvals?.get(row.key));
    if (short) refusals.push(short);
    const now = inAptTest.get(identityOf(deb));
    if (!now) {
      refusals.push({
        code: 'NOT_IN_APT_TEST',
        message:
          'apt-test no longer lists this package; only what comes through apt-test is promoted.',
      });
    } else if (now.sha256 !== row.ci.sha256) {
      refusals.push({
        code: 'HASH_CHANGED_SINCE_REVIEW',
        message: `apt-test now serves other bytes (SHA-256 ${now.sha256}) than the ones compared and reviewed (${row.ci.sha256}).`,
      });
    }
    candidates.push({
      key: row.key,
      package: deb.package,
      version: deb.version,
      architecture: deb.architecture,
      component: now?.component ?? '',
      filename: now?.filename ?? row.ci.path,
      size: now?.size ?? row.ci.size,
      sha256: now?.sha256 ?? row.ci.sha256,
      comparison: row.status,
      verdict: facts.standings.get(row.key)?.verdict ?? null,
      evidence,
      refusals,
      selected: requested.size > 0 ? requested.has(deb.package) : refusals.length === 0,
    });
  }
  return candidates;
}

/** Requested names the release has no package for: refused, never silently dropped. */
export function unknownRequests(
  requested: readonly string[],
  candidates: readonly PromotionCandidate[],
): string[] {
  const known = new Set(candidates.map((candidate) => candidate.package));
  return requested.filter((name) => !known.has(name));
}
