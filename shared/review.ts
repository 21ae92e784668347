import { z } from 'zod';
import { pathPatternProblem } from './pathPattern';
import { packageApprovalsSchema, reviewerDecisionSchema } from './reviewers';
import { tagNameSchema } from './tags';

/**
 * Step 4: what differs inside an artifact, down to the file and the line, and
 * the reviewer's decision on each difference.
 *
 * diffoscope's nested report becomes a flat list of nodes in tree order (each
 * with its depth), so the UI can virtualise it and the engine can page it.
 * A node is a "difference" to decide when diffoscope said something about it
 * (a diff or a comment); container nodes only group.
 */
export const differenceNodeSchema = z.object({
  /** Stable within a report: the names from the artifact down, joined by " ▸ ". */
  id: z.string(),
  depth: z.number().int().nonnegative(),
  /** The member's name on each side, as diffoscope gave it (hostile text). */
  source1: z.string(),
  source2: z.string(),
  comments: z.array(z.string()),
  /** Lines in this node's unified diff (0 without one). Fetched separately, in pages. */
  diffLines: z.number().int().nonnegative(),
  /** Whether this node is a difference to decide. */
  decidable: z.boolean(),
  /**
   * Set when Countersign proved this difference follows from others (an
   * md5sums that differs only in the lines of files whose own differences
   * are listed; a member listing, such as a .deb's top-level file list, that
   * differs only in the sizes of members whose own differences are listed):
   * it is decided with them, not on its own. Names only differences decided
   * on their own.
   */
  explainedBy: z.array(z.string()).nullable(),
});
export type DifferenceNode = z.infer<typeof differenceNodeSchema>;

export const DECISIONS = ['accepted', 'blocking'] as const;
export const decisionSchema = z.enum(DECISIONS);
export type Decision = z.infer<typeof decisionSchema>;

/** One recorded decision on one difference, as the audit log holds it. */
export const reviewDecisionSchema = z.object({
  differenceId: z.string(),
  decision: decisionSchema,
  comment: z.string(),
  reviewer: z.string(),
  at: z.string(),
  /** The rule that decided many differences at once ("path *.gz", "comment …"), if any. */
  rule: z.string().nullable(),
  /**
   * Every reviewer's current decision on this difference, oldest first: a
   * reviewer's new decision replaces only their own. The fields above are
   * the standing they add up to (one blocking decision blocks). Absent from
   * an engine that does not say.
   */
  decisions: z.array(reviewerDecisionSchema).optional(),
});
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

export const REPORT_STATES = ['none', 'running', 'ready', 'failed'] as const;

/** diffoscope's full report for one artifact pair. */
export const reportInfoSchema = z.object({
  state: z.enum(REPORT_STATES),
  diffoscopeVersion: z.string().nullable(),
  /** SHA-256 of the saved JSON report: decisions are bound to it. */
  reportSha256: z.string().nullable(),
  generatedAt: z.string().nullable(),
  /** Why it failed (timeout, diffoscope error), for a person. */
  problem: z.string().nullable(),
});
export type ReportInfo = z.infer<typeof reportInfoSchema>;

export const ARTIFACT_VERDICTS = ['awaiting-report', 'unreviewed', 'approved', 'blocked'] as const;
export const artifactVerdictSchema = z.enum(ARTIFACT_VERDICTS);
export type ArtifactVerdict = z.infer<typeof artifactVerdictSchema>;

/**
 * A member both packages hold with different bytes (or only one holds), found
 * by Countersign's own readers in well under a second: the provisional view
 * shown while diffoscope's full report runs. Our hashes, not diffoscope's
 * md5sums shortcut, decide what differs.
 */
export const memberDifferenceSchema = z.object({
  /** "data.tar ▸ ./usr/share/doc/…" or "control.tar ▸ ./md5sums" */
  id: z.string(),
  path: z.string(),
  status: z.enum(['differs', 'only-ci', 'only-local']),
  ciSize: z.number().nullable(),
  localSize: z.number().nullable(),
});
export type MemberDifference = z.infer<typeof memberDifferenceSchema>;

/**
 * What each side of a diff is, in a reviewer's words: diffoscope's first side
 * (removed lines, "-") is CI's copy, its second (added lines, "+") the
 * rebuild's, e.g. "CI (apt-test)" and "Rebuild (this machine)".
 */
export const diffSidesSchema = z.object({ ci: z.string(), local: z.string() });
export type DiffSides = z.infer<typeof diffSidesSchema>;

/** The Review step's view of one artifact. */
export const artifactReviewSchema = z.object({
  key: z.string(),
  name: z.string(),
  ciSha256: z.string().nullable(),
  localSha256: z.string().nullable(),
  report: reportInfoSchema,
  /** diffoscope's tree (empty until the report is ready). */
  nodes: z.array(differenceNodeSchema),
  /** Our own member listing, available at once for .deb pairs. */
  members: z.array(memberDifferenceSchema),
  /** The latest decision per difference id. */
  decisions: z.record(z.string(), reviewDecisionSchema),
  verdict: artifactVerdictSchema,
  /** What the diff's two sides are (absent from an engine that does not say). */
  sides: diffSidesSchema.optional(),
  counts: z.object({
    differences: z.number().int().nonnegative(),
    accepted: z.number().int().nonnegative(),
    blocking: z.number().int().nonnegative(),
    unreviewed: z.number().int().nonnegative(),
  }),
});
export type ArtifactReview = z.infer<typeof artifactReviewSchema>;

/** A page of one node's unified diff: large diffs cross the boundary in pieces. */
export const diffPageSchema = z.object({
  differenceId: z.string(),
  /** The unified diff text of lines [from, from + lineCount). */
  text: z.string(),
  from: z.number().int().nonnegative(),
  lineCount: z.number().int().nonnegative(),
  totalLines: z.number().int().nonnegative(),
  /** Where the next page starts, or null at the end. */
  next: z.number().int().nonnegative().nullable(),
});
export type DiffPage = z.infer<typeof diffPageSchema>;

const artifactRef = { tag: tagNameSchema, key: z.string().min(1).max(4096) };

export const openReviewRequestSchema = z.object(artifactRef);
export const runReportRequestSchema = z.object({
  ...artifactRef,
  /** The time limit for diffoscope, in seconds (default 600). */
  timeLimitSeconds: z
    .number()
    .int()
    .min(10)
    .max(24 * 3600)
    .optional(),
});
export const diffPageRequestSchema = z.object({
  ...artifactRef,
  differenceId: z.string().min(1).max(65536),
  from: z.number().int().nonnegative().default(0),
  maxLines: z.number().int().min(1).max(20_000).default(2_000),
});
/** The member diff of the provisional view, made on demand by diffoscope on just that pair. */
export const memberDiffRequestSchema = z.object({
  ...artifactRef,
  memberId: z.string().min(1).max(65536),
  from: z.number().int().nonnegative().default(0),
  maxLines: z.number().int().min(1).max(20_000).default(2_000),
});

/** Decide one or more differences, or every difference a rule selects. */
export const decideRequestSchema = z
  .object({
    ...artifactRef,
    decision: decisionSchema,
    comment: z.string().max(10_000),
    differenceIds: z.array(z.string().min(1).max(65536)).max(100_000).optional(),
    /**
     * Unlocks this machine's reviewer key to sign each decision; needed when a
     * reviewer key is imported or the project has a review policy.
     */
    passphrase: z.string().max(4096).optional(),
    /** A glob on the member path (* and ?), or text diffoscope's comments contain. */
    rule: z
      .discriminatedUnion('by', [
        z.object({
          by: z.literal('path'),
          pattern: z
            .string()
            .min(1)
            .max(1000)
            .superRefine((pattern, context) => {
              const problem = pathPatternProblem(pattern);
              if (problem) context.addIssue({ code: 'custom', message: problem });
            }),
        }),
        z.object({ by: z.literal('comment'), contains: z.string().min(1).max(1000) }),
      ])
      .optional(),
  })
  .refine((request) => request.decision === 'blocking' || request.comment.trim().length > 0, {
    message: 'an accepted difference needs a comment saying why it is harmless',
    path: ['comment'],
  })
  .refine((request) => (request.differenceIds ? 1 : 0) + (request.rule ? 1 : 0) === 1, {
    message: 'name the differences, or give one rule',
  });
export type DecideRequest = z.infer<typeof decideRequestSchema>;

export const reviewSummaryRequestSchema = z.object({ tag: tagNameSchema });

/** Every artifact of a release that needs review, and where each stands. */
export const reviewSummarySchema = z.object({
  tag: z.string(),
  artifacts: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      verdict: artifactVerdictSchema,
      /** Under the project's review policy: who approved, how many are missing; absent without one. */
      approvals: packageApprovalsSchema.optional(),
    }),
  ),
  /** True when every differing artifact is approved (artifacts only CI has are never promoted). */
  approved: z.boolean(),
});
export type ReviewSummary = z.infer<typeof reviewSummarySchema>;

/**
 * Approves a whole artifact identical to the rebuild, signed by this
 * machine's reviewer key: what a policy's `identicalThreshold` counts.
 */
export const approveArtifactRequestSchema = z.object({
  ...artifactRef,
  comment: z.string().max(10_000),
  passphrase: z.string().max(4096),
});

/** The approval recorded, and the artifact's approvals under the policy (null without one). */
export const approveArtifactResultSchema = z.object({
  decision: reviewerDecisionSchema,
  approvals: packageApprovalsSchema.nullable(),
});
export type ApproveArtifactResult = z.infer<typeof approveArtifactResultSchema>;
