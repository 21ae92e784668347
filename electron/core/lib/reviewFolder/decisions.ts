import type { Decision, DifferenceNode, ReviewDecision } from '../../../../shared/review';
import type { SignedDecision } from '../../../../shared/reviewers';
import { appendAuditEntry, readAuditEntries } from '../../audit/auditLog';
import type { UnlockedReleaseKey } from '../openpgp/unlockReleaseKey';
import {
  decisionStatement,
  logHasReviewerKey,
  replayDecisions,
  REVIEWER_KEY_ENTRY,
  reviewerDecisionView,
  reviewersInLog,
  signDecision,
  type KnownReviewer,
  type ReplayedDecision,
} from '../reviewers/index';
import { readSavedReport, reportFolder } from './reportStore';

/** One decision to record; a null difference approves a whole (identical) artifact. */
export interface DecisionInput {
  differenceId: string | null;
  decision: Decision;
  comment: string;
  rule: string | null;
}

/** What signs each decision: the reviewer's unlocked key, and what the statement binds. */
export interface DecisionSigner {
  unlocked: UnlockedReleaseKey;
  /** project.json's id. */
  project: string;
  tag: string;
}

/** The artifact decided on: its key and name, and its bytes as compared (signed over). */
export interface DecidedArtifact {
  key: string;
  name: string;
  ciSha256?: string | null;
  localSha256?: string | null;
}

/**
 * Appends each decision as its own audit entry, bound to the artifact and to
 * the exact report (by its hash) the reviewer saw; a rule that decided many
 * differences is named in each. With a signer, each entry also carries the
 * signed decision (`signed`: the statement, its signature, the reviewer's
 * fingerprint) beside the fields older readers know, and the reviewer's
 * public key is introduced into the log once (a `reviewer-key` entry), so
 * the log can be checked without the project.
 */
export async function recordDecisions(
  reviewDir: string,
  artifact: DecidedArtifact,
  reportSha256: string | null,
  inputs: DecisionInput[],
  signer?: DecisionSigner,
): Promise<void> {
  if (signer) {
    const fingerprint = signer.unlocked.info.fingerprint;
    if (!logHasReviewerKey(await readAuditEntries(reviewDir), fingerprint)) {
      await appendAuditEntry(reviewDir, REVIEWER_KEY_ENTRY, {
        fingerprint,
        name: signer.unlocked.info.userIds[0] ?? '',
        publicKey: signer.unlocked.key.toPublic().armor(),
      });
    }
  }
  for (const input of inputs) {
    const fields = { artifact: artifact.key, name: artifact.name, reportSha256, ...input };
    const signed = signer
      ? await signDecision(
          decisionStatement({
            project: signer.project,
            tag: signer.tag,
            artifact: {
              key: artifact.key,
              name: artifact.name,
              ciSha256: artifact.ciSha256 ?? null,
              localSha256: artifact.localSha256 ?? null,
            },
            reportSha256,
            differenceId: input.differenceId,
            decision: input.decision,
            comment: input.comment,
            rule: input.rule,
            decidedAt: new Date(),
          }),
          signer.unlocked,
        )
      : null;
    await appendAuditEntry(reviewDir, 'decision', signed ? { ...fields, signed } : fields);
  }
}

/**
 * Appends decisions another machine signed (a review bundle's decisions
 * file, already verified), each as the same `decision` entry recordDecisions
 * writes, with the reviewer's public key introduced into the log first when
 * it is not yet. The caller has checked every signature and what it binds.
 */
export async function appendSignedDecisions(
  reviewDir: string,
  reviewer: { fingerprint: string; name: string; publicKey: string },
  decisions: readonly { name: string; signed: SignedDecision }[],
): Promise<void> {
  if (decisions.length === 0) return;
  if (!logHasReviewerKey(await readAuditEntries(reviewDir), reviewer.fingerprint)) {
    await appendAuditEntry(reviewDir, REVIEWER_KEY_ENTRY, { ...reviewer });
  }
  for (const { name, signed } of decisions) {
    const statement = signed.statement;
    await appendAuditEntry(reviewDir, 'decision', {
      artifact: statement.artifact.key,
      name,
      reportSha256: statement.reportSha256,
      differenceId: statement.differenceId,
      decision: statement.decision,
      comment: statement.comment,
      rule: statement.rule,
      signed,
    });
  }
}

/**
 * Every reviewer's current decision on each difference of one artifact's
 * report (null: approvals of the whole artifact), replayed from the audit
 * log, signatures checked against `reviewers` (a policy's pinned reviewers),
 * or without a policy against the keys the log itself carries.
 */
export async function reviewerDecisions(
  reviewDir: string,
  artifactKey: string,
  reportSha256: string | null,
  reviewers: readonly KnownReviewer[] | null = null,
): Promise<Map<string | null, ReplayedDecision[]>> {
  const entries = await readAuditEntries(reviewDir);
  return replayDecisions(
    entries,
    artifactKey,
    reportSha256,
    reviewers ?? (await reviewersInLog(entries)),
  );
}

/**
 * What every reviewer's current decision on a difference adds up to: one
 * blocking decision blocks; otherwise the newest acceptance stands. Decisions
 * whose signature is invalid count for nothing.
 */
function standingOf(
  differenceId: string,
  list: readonly ReplayedDecision[],
): ReviewDecision | null {
  const counted = list.filter((decision) => decision.signature !== 'invalid');
  const blocking = counted.filter((decision) => decision.decision === 'blocking');
  const chosen = (blocking.length > 0 ? blocking : counted).at(-1);
  if (!chosen) return null;
  return {
    differenceId,
    decision: chosen.decision,
    comment: chosen.comment,
    reviewer: chosen.reviewer?.name ?? chosen.actor,
    at: chosen.at,
    rule: chosen.rule,
    decisions: list.map(reviewerDecisionView),
  };
}

/**
 * The decision standing on each difference of one artifact's report,
 * replayed from the audit log (the log is the record, nothing else is
 * trusted), with every reviewer's own current decision beside it.
 */
export async function currentDecisions(
  reviewDir: string,
  artifactKey: string,
  reportSha256: string,
  reviewers: readonly KnownReviewer[] | null = null,
): Promise<Record<string, ReviewDecision>> {
  const decisions: Record<string, ReviewDecision> = {};
  const replayed = await reviewerDecisions(reviewDir, artifactKey, reportSha256, reviewers);
  for (const [differenceId, list] of replayed) {
    if (differenceId === null) continue;
    const standing = standingOf(differenceId, list);
    if (standing) decisions[differenceId] = standing;
  }
  return decisions;
}

/** Where an artifact stands, from its report's differences and their decisions. */
export function verdictOf(
  nodes: DifferenceNode[] | null,
  decisions: Record<string, ReviewDecision>,
): {
  verdict: 'awaiting-report' | 'unreviewed' | 'approved' | 'blocked';
  counts: { differences: number; accepted: number; blocking: number; unreviewed: number };
} {
  const counts = { differences: 0, accepted: 0, blocking: 0, unreviewed: 0 };
  if (nodes === null) return { verdict: 'awaiting-report', counts };
  // Differences proven to follow from others are decided with them.
  for (const node of nodes) {
    if (!node.decidable || node.explainedBy) continue;
    counts.differences += 1;
    const decision = decisions[node.id]?.decision;
    if (decision === 'accepted') counts.accepted += 1;
    else if (decision === 'blocking') counts.blocking += 1;
    else counts.unreviewed += 1;
  }
  const verdict =
    counts.blocking > 0 ? 'blocked' : counts.unreviewed > 0 ? 'unreviewed' : 'approved';
  return { verdict, counts };
}

/** Where one differing artifact of a review stands, with who accepted what. */
export interface ArtifactStanding {
  verdict: ReturnType<typeof verdictOf>['verdict'];
  counts: ReturnType<typeof verdictOf>['counts'];
  /** Who accepted its differences, for the record of a promotion. */
  reviewers: string[];
}

/** Replays an artifact's decisions against its saved report (if any) and judges it. */
export async function artifactStanding(
  reviewDir: string,
  artifactKey: string,
  known: readonly KnownReviewer[] | null = null,
): Promise<ArtifactStanding> {
  const saved = await readSavedReport(reportFolder(reviewDir, artifactKey));
  const decisions = saved
    ? await currentDecisions(reviewDir, artifactKey, saved.reportSha256, known)
    : {};
  // Everyone whose current decision accepts a difference, by name (or user, when unsigned).
  const reviewers = new Set(
    Object.values(decisions).flatMap((standing) =>
      (standing.decisions ?? [])
        .filter((each) => each.decision === 'accepted' && each.signature !== 'invalid')
        .map((each) => each.reviewer ?? each.actor),
    ),
  );
  return { ...verdictOf(saved?.nodes ?? null, decisions), reviewers: [...reviewers].sort() };
}
