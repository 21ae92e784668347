import type { Decision, DifferenceNode, ReviewDecision } from '../../../../shared/review';
import { appendAuditEntry, readAuditEntries } from '../../audit/auditLog';
import { readSavedReport, reportFolder } from './reportStore';

/** One decision to record. */
export interface DecisionInput {
  differenceId: string;
  decision: Decision;
  comment: string;
  rule: string | null;
}

/**
 * Appends each decision as its own audit entry, bound to the artifact and to
 * the exact report (by its hash) the reviewer saw; a rule that decided many
 * differences is named in each.
 */
export async function recordDecisions(
  reviewDir: string,
  artifact: { key: string; name: string },
  reportSha256: string,
  inputs: DecisionInput[],
): Promise<void> {
  for (const input of inputs) {
    await appendAuditEntry(reviewDir, 'decision', {
      artifact: artifact.key,
      name: artifact.name,
      reportSha256,
      ...input,
    });
  }
}

/**
 * The latest decision on each difference of one artifact's report, replayed
 * from the audit log: the log is the record, nothing else is trusted.
 */
export async function currentDecisions(
  reviewDir: string,
  artifactKey: string,
  reportSha256: string,
): Promise<Record<string, ReviewDecision>> {
  const decisions: Record<string, ReviewDecision> = {};
  for (const entry of await readAuditEntries(reviewDir)) {
    if (entry.kind !== 'decision') continue;
    const data = entry.data;
    if (data.artifact !== artifactKey || data.reportSha256 !== reportSha256) continue;
    if (typeof data.differenceId !== 'string') continue;
    if (data.decision !== 'accepted' && data.decision !== 'blocking') continue;
    decisions[data.differenceId] = {
      differenceId: data.differenceId,
      decision: data.decision,
      comment: typeof data.comment === 'string' ? data.comment : '',
      reviewer: entry.actor,
      at: entry.at,
      rule: typeof data.rule === 'string' ? data.rule : null,
    };
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
): Promise<ArtifactStanding> {
  const saved = await readSavedReport(reportFolder(reviewDir, artifactKey));
  const decisions = saved ? await currentDecisions(reviewDir, artifactKey, saved.reportSha256) : {};
  const reviewers = new Set(
    Object.values(decisions)
      .filter((decision) => decision.decision === 'accepted')
      .map((decision) => decision.reviewer),
  );
  return { ...verdictOf(saved?.nodes ?? null, decisions), reviewers: [...reviewers].sort() };
}
