import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import {
  IN_TOTO_STATEMENT_TYPE,
  REBUILD_PREDICATE_TYPE,
  type RebuildPredicate,
  type Statement,
} from '../../../shared/attestation';
import type { AuditEntry } from '../../../shared/audit';
import type { ArtifactComparison } from '../../../shared/compare';
import { CountersignError } from '../../../shared/errors';
import { buildInfoSchema } from '../../../shared/rebuild';
import { readSavedComparison } from '../lib/reviewFolder/compareStore';
import { readJsonFile } from '../lib/fs/readJsonFile';
import { readAuditEntries } from '../audit/auditLog';
import { currentDecisions, verdictOf } from '../lib/reviewFolder/decisions';
import { readSavedReport, reportFolder } from '../lib/reviewFolder/reportStore';

/** The fields of a `promotion` audit entry an attestation relies on (runPromotion.ts writes it). */
const promotionEntrySchema = z.object({
  tag: z.string(),
  to: z.string(),
  publication: z.string(),
  signedBy: z.string(),
  packages: z.array(
    z.object({
      package: z.string(),
      version: z.string(),
      architecture: z.string(),
      sha256: z.string(),
    }),
  ),
  /** Non-package artifacts signed beside apt-prod; older entries lack it. */
  files: z.array(z.object({ name: z.string(), sha256: z.string() })).default([]),
});

/** The fields of a `tag-verified` audit entry (tagGate.ts writes it). */
const tagVerifiedEntrySchema = z.object({
  tag: z.string(),
  commit: z.string(),
  signer: z.string().nullable(),
  signingKey: z.string().nullable(),
});

/** One promoted artifact's statement, with the file-safe name it is exported under. */
export interface RebuildStatement {
  /** The artifact's name (the package file name), also the statement's subject name. */
  name: string;
  statement: Statement;
  predicate: RebuildPredicate;
}

export interface RebuildStatementOptions {
  /** Where the source lives, as others can fetch it; the review folder does not record it. */
  repository?: string | null;
  /** apt-prod's URI as consumers know it; the file: URL of the promotion's folder otherwise. */
  resourceUri?: string;
}

const inconsistent = (message: string) =>
  new CountersignError(
    'REVIEW_INCONSISTENT',
    message,
    'Nothing is attested that the review folder does not show. Compare, review and promote the release again.',
  );

function lastOf<T extends z.ZodType>(
  entries: AuditEntry[],
  kind: string,
  schema: T,
  where: (data: z.infer<T>) => boolean = () => true,
): { entry: AuditEntry; data: z.infer<T> } | null {
  for (const entry of [...entries].reverse()) {
    if (entry.kind !== kind) continue;
    const parsed = schema.safeParse(entry.data);
    if (parsed.success && where(parsed.data)) return { entry, data: parsed.data };
  }
  return null;
}

/** apt-prod's URI: the one given, else the promoted folder as a file: URL. */
export function aptProdUri(to: string, resourceUri?: string): string {
  return resourceUri ?? pathToFileURL(to).href;
}

/**
 * One in-toto Statement per artifact of the last promotion recorded in the
 * review's audit log, each from what is on disk and in the log alone: the
 * tag's verification, the rebuild's buildinfo.json, compare.json, the review's
 * decisions replayed from the log, and the promotion. Refuses (never guesses)
 * when they do not agree, or when a promoted artifact that differed is not
 * approved in review.
 */
export async function buildRebuildStatements(
  reviewDir: string,
  options: RebuildStatementOptions = {},
): Promise<RebuildStatement[]> {
  const entries = await readAuditEntries(reviewDir);
  const promotion = lastOf(entries, 'promotion', promotionEntrySchema);
  if (!promotion || (promotion.data.packages.length === 0 && promotion.data.files.length === 0)) {
    throw new CountersignError(
      'NOTHING_PROMOTED',
      'The audit log of this review records no promotion, so there is nothing to attest.',
      'Promote the release first: countersign promote --review DIR …',
    );
  }
  const { tag } = promotion.data;
  const tagVerified = lastOf(entries, 'tag-verified', tagVerifiedEntrySchema, (d) => d.tag === tag);
  if (!tagVerified) {
    throw new CountersignError(
      'TAG_NOT_VERIFIED',
      `The audit log records no verification of the tag ${tag}.`,
      'Rebuild the release from a verified tag, then compare, review and promote it.',
    );
  }
  const comparison = await readSavedComparison(reviewDir);
  if (!comparison) {
    throw new CountersignError(
      'NO_COMPARISON',
      `${JSON.stringify(reviewDir)} holds no comparison (compare.json).`,
    );
  }
  const buildInfo = await readJsonFile(
    join(comparison.local.location, 'buildinfo.json'),
    buildInfoSchema,
  );
  if (!buildInfo) {
    throw new CountersignError(
      'NO_REBUILD',
      `The rebuild the comparison names (${comparison.local.location}) has no buildinfo.json.`,
    );
  }
  if (buildInfo.commit !== tagVerified.data.commit || buildInfo.tag !== tag) {
    throw inconsistent(
      `The rebuild is of ${buildInfo.tag} at ${buildInfo.commit}, but ${tag} verified at ${tagVerified.data.commit}.`,
    );
  }
  const resourceUri = aptProdUri(promotion.data.to, options.resourceUri);

  const promoted = [
    ...promotion.data.packages.map((pkg) => ({
      label: `${pkg.package} ${pkg.version} (${pkg.architecture})`,
      sha256: pkg.sha256,
      row: comparison.artifacts.find(
        (candidate) =>
          candidate.ci?.deb?.package === pkg.package &&
          candidate.ci.deb.version === pkg.version &&
          candidate.ci.deb.architecture === pkg.architecture,
      ),
    })),
    ...promotion.data.files.map((file) => ({
      label: file.name,
      sha256: file.sha256,
      row: comparison.artifacts.find(
        (candidate) => candidate.name === file.name && candidate.ci && !candidate.ci.deb,
      ),
    })),
  ];
  const statements: RebuildStatement[] = [];
  for (const { label, sha256, row } of promoted) {
    if (!row?.ci || !row.local || (row.status !== 'identical' && row.status !== 'differs')) {
      throw inconsistent(`The promoted artifact ${label} is not compared with a rebuild.`);
    }
    if (row.ci.sha256 !== sha256) {
      throw inconsistent(`The promoted bytes of ${label} are not the bytes that were compared.`);
    }
    const predicate: RebuildPredicate = {
      source: {
        repository: options.repository ?? null,
        tag,
        commit: buildInfo.commit,
        tagSigner: {
          fingerprint: tagVerified.data.signer,
          signingKey: tagVerified.data.signingKey,
          verifiedAt: tagVerified.entry.at,
        },
      },
      rebuild: {
        image: { reference: buildInfo.image.reference, digest: buildInfo.image.id },
        recipe: buildInfo.recipe,
        sourceDateEpoch: buildInfo.sourceDateEpoch,
        finishedAt: buildInfo.finishedAt,
      },
      comparison: {
        status: row.status,
        ciSha256: row.ci.sha256,
        localSha256: row.local.sha256,
        comparedAt: comparison.comparedAt,
      },
      review: await reviewOf(reviewDir, row, label),
      promotion: {
        publication: promotion.data.publication,
        resourceUri,
        signedBy: promotion.data.signedBy,
        promotedAt: promotion.entry.at,
      },
    };
    statements.push({
      name: row.name,
      predicate,
      statement: {
        _type: IN_TOTO_STATEMENT_TYPE,
        subject: [{ name: row.name, digest: { sha256 } }],
        predicateType: REBUILD_PREDICATE_TYPE,
        predicate,
      },
    });
  }
  return statements;
}

/** Step 4 for one artifact: not needed when identical, else its approved report and decisions. */
async function reviewOf(
  reviewDir: string,
  row: ArtifactComparison,
  label: string,
): Promise<RebuildPredicate['review']> {
  if (row.status === 'identical')
    return { verdict: 'not-needed', reportSha256: null, decisions: [] };
  const report = await readSavedReport(reportFolder(reviewDir, row.key));
  if (!report) throw inconsistent(`${label} differs from the rebuild and has no review report.`);
  const decisions = await currentDecisions(reviewDir, row.key, report.reportSha256);
  const { verdict } = verdictOf(report.nodes, decisions);
  if (verdict !== 'approved') {
    throw inconsistent(`${label} differs from the rebuild and its review is ${verdict}.`);
  }
  return {
    verdict: 'approved',
    reportSha256: report.reportSha256,
    decisions: Object.values(decisions)
      .sort((a, b) => a.differenceId.localeCompare(b.differenceId))
      .map(({ differenceId, decision, comment, reviewer, at, rule }) => ({
        differenceId,
        decision,
        comment,
        reviewer,
        at,
        rule,
      })),
  };
}
