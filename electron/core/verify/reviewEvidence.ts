import { CountersignError } from '../../../shared/errors';
import { readSavedComparison } from '../artifacts/compareStore';
import { readAuditEntries } from '../review/auditLog';
import { artifactStanding } from '../review/decisions';

/** What a review folder vouches for, by the SHA-256 of CI's files. */
export interface ReviewEvidence {
  /** CI SHA-256 → how the review judged it: approved, or why not. */
  judged: Map<string, { approved: boolean; why: string }>;
  /** CI SHA-256 → the tag of the promotion that listed it. */
  promoted: Map<string, string>;
  /** Tags the audit log records as verified. */
  verifiedTags: Set<string>;
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Reads a review's comparison and audit log into the evidence a published
 * package is checked against. The audit log is read only if its chain is
 * intact (readAuditEntries refuses otherwise); decisions are replayed from it.
 */
export async function readReviewEvidence(reviewDir: string): Promise<ReviewEvidence> {
  const comparison = await readSavedComparison(reviewDir);
  if (!comparison) {
    throw new CountersignError(
      'NO_COMPARISON',
      `The review folder ${JSON.stringify(reviewDir)} holds no comparison (compare.json), so it vouches for no package.`,
      'Give the review folder of the release that was promoted (it holds compare.json and audit.jsonl).',
    );
  }
  const judged = new Map<string, { approved: boolean; why: string }>();
  for (const row of comparison.artifacts) {
    if (!row.ci) continue;
    let verdict: { approved: boolean; why: string };
    if (row.status === 'identical') {
      verdict = { approved: true, why: `identical to the rebuild (${row.name})` };
    } else if (row.status === 'differs') {
      const standing = await artifactStanding(reviewDir, row.key);
      verdict =
        standing.verdict === 'approved'
          ? { approved: true, why: `differences approved by ${standing.reviewers.join(', ')}` }
          : {
              approved: false,
              why: `it differs from the rebuild and its review is ${standing.verdict} (${row.name})`,
            };
    } else {
      verdict = { approved: false, why: `only CI built it; nobody rebuilt it (${row.name})` };
    }
    // The same bytes under two rows: one approval is enough.
    if (!judged.get(row.ci.sha256)?.approved) judged.set(row.ci.sha256, verdict);
  }

  const promoted = new Map<string, string>();
  const verifiedTags = new Set<string>();
  for (const entry of await readAuditEntries(reviewDir)) {
    const tag = entry.data.tag;
    if (typeof tag !== 'string') continue;
    if (entry.kind === 'tag-verified') verifiedTags.add(tag);
    if (entry.kind !== 'promotion' || !Array.isArray(entry.data.packages)) continue;
    for (const item of entry.data.packages as unknown[]) {
      const sha256 = (item as { sha256?: unknown } | null)?.sha256;
      if (typeof sha256 === 'string' && HEX64.test(sha256)) promoted.set(sha256, tag);
    }
  }
  return { judged, promoted, verifiedTags };
}
