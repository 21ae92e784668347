import { CI_ONLY_PHRASE } from '../../../shared/artifactCounts';
import { z } from 'zod';
import { CountersignError } from '../../../shared/errors';
import { readSavedComparison } from '../lib/reviewFolder/compareStore';
import { readAuditEntries } from '../audit/auditLog';
import { artifactStanding } from '../lib/reviewFolder/decisions';

/** What a review folder vouches for, by the SHA-256 of CI's files. */
export interface ReviewEvidence {
  /** CI SHA-256 → how the review judged it: approved, or why not. */
  judged: Map<string, { approved: boolean; why: string }>;
  /** CI SHA-256 → the tag of the promotion that listed it. */
  promoted: Map<string, string>;
  /** Tags the audit log records as verified. */
  verifiedTags: Set<string>;
  /** What the last promotion published, which its attestations must cover; null when none. */
  lastPromotion: PromotedRelease | null;
}

/** One promotion's artifacts: packages by label and SHA-256, and the files signed beside them. */
export interface PromotedRelease {
  tag: string;
  packages: { label: string; sha256: string }[];
  files: { name: string; sha256: string }[];
  /** SHA-256 of its packages withdrawn from apt-prod since: attested, and expected absent. */
  withdrawn: Set<string>;
}

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** The fields of a `promotion` entry (runPromotion.ts) a published release is checked against. */
const promotionEntrySchema = z.object({
  packages: z.array(
    z.object({
      package: z.string(),
      version: z.string(),
      architecture: z.string(),
      sha256: sha256Hex,
    }),
  ),
  files: z.array(z.object({ name: z.string(), sha256: sha256Hex })).default([]),
});

/** The fields of a `withdrawal` entry (withdrawPackage.ts): the bytes that left apt-prod. */
const withdrawalEntrySchema = z.object({
  withdrawn: z.array(z.object({ sha256: sha256Hex })),
});

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
      verdict = {
        approved: false,
        why: `${CI_ONLY_PHRASE}: nothing vouches for it (${row.name})`,
      };
    }
    // The same bytes under two rows: one approval is enough.
    if (!judged.get(row.ci.sha256)?.approved) judged.set(row.ci.sha256, verdict);
  }

  const promoted = new Map<string, string>();
  const verifiedTags = new Set<string>();
  let lastPromotion: PromotedRelease | null = null;
  for (const entry of await readAuditEntries(reviewDir)) {
    const tag = entry.data.tag;
    if (typeof tag !== 'string') continue;
    if (entry.kind === 'tag-verified') verifiedTags.add(tag);
    if (entry.kind === 'withdrawal' && lastPromotion) {
      const withdrawal = withdrawalEntrySchema.safeParse(entry.data);
      for (const { sha256 } of withdrawal.data?.withdrawn ?? [])
        lastPromotion.withdrawn.add(sha256);
    }
    if (entry.kind !== 'promotion') continue;
    const parsed = promotionEntrySchema.safeParse(entry.data);
    if (!parsed.success) continue;
    for (const { sha256 } of parsed.data.packages) promoted.set(sha256, tag);
    lastPromotion = {
      tag,
      packages: parsed.data.packages.map((pkg) => ({
        label: `${pkg.package} ${pkg.version} (${pkg.architecture})`,
        sha256: pkg.sha256,
      })),
      files: parsed.data.files,
      withdrawn: new Set(),
    };
  }
  return { judged, promoted, verifiedTags, lastPromotion };
}
