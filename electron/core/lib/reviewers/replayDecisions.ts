import * as openpgp from 'openpgp';
import type { AuditEntry } from '../../../../shared/audit';
import {
  signedDecisionSchema,
  type ReviewerDecision,
  type SignatureStatus,
  type SignedDecision,
} from '../../../../shared/reviewers';
import { unpinnedReviewer, type KnownReviewer } from './knownReviewer';
import { verifySignedDecision } from './verifySignedDecision';

/** The audit entry kind that introduces a reviewer's public key into a log, once per key. */
export const REVIEWER_KEY_ENTRY = 'reviewer-key';

/** One reviewer's current decision on one difference (or on a whole artifact), replayed. */
export interface ReplayedDecision {
  /** Null for an approval of a whole artifact. */
  differenceId: string | null;
  decision: 'accepted' | 'blocking';
  comment: string;
  rule: string | null;
  at: string;
  actor: string;
  signed: SignedDecision | null;
  signature: SignatureStatus;
  reviewer: KnownReviewer | null;
  /** Why the signature does not count, for people; null when valid or unsigned. */
  problem: string | null;
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** Whether an entry's own fields say what its signed statement says. */
function agrees(data: Record<string, unknown>, signed: SignedDecision): boolean {
  const statement = signed.statement;
  return (
    data.artifact === statement.artifact.key &&
    (data.reportSha256 ?? null) === statement.reportSha256 &&
    (data.differenceId ?? null) === statement.differenceId &&
    data.decision === statement.decision &&
    (data.comment ?? '') === statement.comment &&
    (data.rule ?? null) === statement.rule
  );
}

const parsedKeys = new Map<string, Promise<openpgp.PublicKey | null>>();

function readPublicKey(armored: string): Promise<openpgp.PublicKey | null> {
  let found = parsedKeys.get(armored);
  if (!found) {
    found = openpgp.readKey({ armoredKey: armored }).then(
      (key) => (key.isPrivate() ? null : key),
      () => null,
    );
    if (parsedKeys.size > 256) parsedKeys.clear();
    parsedKeys.set(armored, found);
  }
  return found;
}

/**
 * The reviewer keys a log itself carries (`reviewer-key` entries), trusted by
 * no policy: enough to tell whether a signature still matches its statement
 * when the project pins no reviewers.
 */
export async function reviewersInLog(entries: readonly AuditEntry[]): Promise<KnownReviewer[]> {
  const found = new Map<string, KnownReviewer>();
  for (const entry of entries) {
    if (entry.kind !== REVIEWER_KEY_ENTRY) continue;
    const armored = text(entry.data.publicKey);
    const fingerprint = text(entry.data.fingerprint);
    if (!armored || !fingerprint || found.has(fingerprint)) continue;
    const key = await readPublicKey(armored);
    if (!key || key.getFingerprint().toUpperCase() !== fingerprint) continue;
    found.set(fingerprint, await unpinnedReviewer(key));
  }
  return [...found.values()];
}

/** Whether a log already introduces this reviewer's key. */
export function logHasReviewerKey(entries: readonly AuditEntry[], fingerprint: string): boolean {
  return entries.some(
    (entry) => entry.kind === REVIEWER_KEY_ENTRY && entry.data.fingerprint === fingerprint,
  );
}

/** Checks one `decision` entry: its signature, and that its fields are what was signed. */
export async function checkDecisionEntry(
  entry: AuditEntry,
  reviewers: readonly KnownReviewer[],
): Promise<Pick<ReplayedDecision, 'signed' | 'signature' | 'reviewer' | 'problem'>> {
  if (entry.data.signed === undefined) {
    return { signed: null, signature: 'unsigned', reviewer: null, problem: null };
  }
  const parsed = signedDecisionSchema.safeParse(entry.data.signed);
  if (!parsed.success) {
    return {
      signed: null,
      signature: 'invalid',
      reviewer: null,
      problem: 'its signed decision is not one',
    };
  }
  const signed = parsed.data;
  const check = await verifySignedDecision(signed, reviewers);
  if (check.status === 'valid' && !agrees(entry.data, signed)) {
    return {
      signed,
      signature: 'invalid',
      reviewer: check.reviewer,
      problem: 'the entry does not say what its signed statement says',
    };
  }
  return { signed, signature: check.status, reviewer: check.reviewer, problem: check.problem };
}

/**
 * Every reviewer's current decision on each difference of one artifact's
 * report (or, with `reportSha256` null, on the whole artifact), replayed from
 * the audit log in order: a reviewer's new decision replaces only their own
 * earlier one. A signed decision is its key's (`valid`, `revoked` or
 * `unknown-key` alike); an unsigned one is its operating-system user's, as
 * before reviewers had keys; one whose signature is `invalid` replaces
 * nobody's, since anyone can write a fingerprint into a line.
 */
export async function replayDecisions(
  entries: readonly AuditEntry[],
  artifactKey: string,
  reportSha256: string | null,
  reviewers: readonly KnownReviewer[],
): Promise<Map<string | null, ReplayedDecision[]>> {
  const byDifference = new Map<string | null, Map<string, ReplayedDecision>>();
  for (const entry of entries) {
    if (entry.kind !== 'decision') continue;
    const data = entry.data;
    if (data.artifact !== artifactKey || (data.reportSha256 ?? null) !== reportSha256) continue;
    const differenceId = reportSha256 === null ? null : text(data.differenceId);
    if (reportSha256 !== null && differenceId === null) continue;
    if (reportSha256 === null && data.differenceId !== null) continue;
    if (data.decision !== 'accepted' && data.decision !== 'blocking') continue;
    const checked = await checkDecisionEntry(entry, reviewers);
    const who =
      checked.signature === 'invalid'
        ? `invalid:${entry.seq}`
        : checked.signed
          ? `key:${checked.signed.reviewer}`
          : `user:${entry.actor}`;
    const current = byDifference.get(differenceId) ?? new Map<string, ReplayedDecision>();
    current.delete(who); // the newest decision goes last
    current.set(who, {
      differenceId,
      decision: data.decision,
      comment: text(data.comment) ?? '',
      rule: text(data.rule),
      at: entry.at,
      actor: entry.actor,
      ...checked,
    });
    byDifference.set(differenceId, current);
  }
  return new Map([...byDifference].map(([id, current]) => [id, [...current.values()]]));
}

/** A replayed decision as the review shows it. */
export function reviewerDecisionView(replayed: ReplayedDecision): ReviewerDecision {
  return {
    reviewer: replayed.reviewer?.name ?? null,
    fingerprint: replayed.signed?.reviewer ?? null,
    actor: replayed.actor,
    decision: replayed.decision,
    comment: replayed.comment,
    at: replayed.at,
    rule: replayed.rule,
    signature: replayed.signature,
  };
}
