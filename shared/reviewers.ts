import { z } from 'zod';

/**
 * Reviewers as people (issue 17): each decision signed by its reviewer's own
 * OpenPGP key, a policy of k of n distinct reviewers, and decisions made on
 * another machine carried back as one signed file.
 */

const fingerprintSchema = z.string().regex(/^[0-9A-F]{40}$/, 'a v4 fingerprint in upper-case hex');

/** A reviewer the project trusts, pinned by their key's fingerprint. */
export const pinnedReviewerSchema = z.object({
  name: z.string().trim().min(1).max(200),
  fingerprint: fingerprintSchema,
  /** Their public key, armored; refused when its fingerprint is not the pin. */
  publicKey: z.string().min(1),
  /** Set when the project stops trusting this reviewer: their signatures no longer count. */
  revoked: z.boolean().default(false),
});
export type PinnedReviewer = z.infer<typeof pinnedReviewerSchema>;

/** project.json's `reviewPolicy`: who reviews, and how many must agree. */
export const reviewPolicySchema = z
  .object({
    reviewers: z.array(pinnedReviewerSchema).min(1).max(50),
    /** Distinct reviewers who must accept every difference of a differing package (k of n). */
    threshold: z.number().int().min(1),
    /** Distinct reviewers who must approve a package identical to the rebuild (0: the rebuild vouches). */
    identicalThreshold: z.number().int().min(0).default(0),
  })
  .refine((policy) => policy.threshold <= policy.reviewers.length, {
    message: 'the threshold cannot exceed the number of reviewers',
    path: ['threshold'],
  })
  .refine((policy) => policy.identicalThreshold <= policy.reviewers.length, {
    message: 'the identical threshold cannot exceed the number of reviewers',
    path: ['identicalThreshold'],
  });
export type ReviewPolicy = z.infer<typeof reviewPolicySchema>;

/** The reviewer key on this machine, as the UI shows it (never the secret part). */
export const reviewerKeyInfoSchema = z.object({
  fingerprint: fingerprintSchema,
  signingKey: z.string(),
  algorithm: z.string(),
  userIds: z.array(z.string()),
  protected: z.boolean(),
});
export type ReviewerKeyInfo = z.infer<typeof reviewerKeyInfoSchema>;

/**
 * What a reviewer signs for one decision: the canonical JSON of this object
 * (sorted keys, no whitespace), signed as a binary detached OpenPGP signature
 * with SHA-256. It binds the decision to the project, the release, both
 * artifacts' bytes and the exact report the reviewer read.
 */
export const decisionStatementSchema = z.object({
  type: z.literal('https://countersign.dev/review-decision/v1'),
  project: z.string().min(1),
  tag: z.string().min(1),
  artifact: z.object({
    key: z.string().min(1),
    name: z.string(),
    ciSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
    localSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
  }),
  /** The diffoscope report read; null for an approval of an identical artifact (nothing to read). */
  reportSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  /** The difference decided; null for an approval of a whole identical artifact. */
  differenceId: z.string().min(1).max(65536).nullable(),
  decision: z.enum(['accepted', 'blocking']),
  comment: z.string().max(10_000),
  rule: z.string().max(2000).nullable(),
  decidedAt: z.string(),
});
export type DecisionStatement = z.infer<typeof decisionStatementSchema>;

/** A statement with its reviewer's signature, as the audit log and decisions files carry it. */
export const signedDecisionSchema = z.object({
  statement: decisionStatementSchema,
  /** Base64 of the binary detached OpenPGP signature over the statement's canonical JSON. */
  signature: z.string().min(1).max(100_000),
  /** The reviewer's primary key fingerprint. */
  reviewer: fingerprintSchema,
});
export type SignedDecision = z.infer<typeof signedDecisionSchema>;

/** One reviewer's standing on one package, as the plan shows it. */
export const reviewerApprovalSchema = z.object({
  name: z.string(),
  fingerprint: fingerprintSchema,
  /** Why a signature found does not count, when it does not (revoked, unknown key, other report…). */
  notCounted: z.string().nullable(),
});
export type ReviewerApproval = z.infer<typeof reviewerApprovalSchema>;

/** A package's approvals under the policy: who approved, and how many more are needed. */
export const packageApprovalsSchema = z.object({
  artifact: z.string(),
  needed: z.number().int().nonnegative(),
  approvedBy: z.array(reviewerApprovalSchema),
  missing: z.number().int().nonnegative(),
});
export type PackageApprovals = z.infer<typeof packageApprovalsSchema>;

/**
 * Whether one recorded decision's signature holds: `valid` (verifies with the
 * reviewer's key), `invalid` (the statement or signature was altered, or does
 * not match the entry it sits in), `unsigned` (made before reviewers had keys,
 * or on a machine with none), `unknown-key` (a key the policy does not pin, or
 * none recorded), `revoked` (the policy revoked the reviewer, or their key
 * carries a revocation).
 */
export const SIGNATURE_STATUSES = [
  'valid',
  'invalid',
  'unsigned',
  'unknown-key',
  'revoked',
] as const;
export const signatureStatusSchema = z.enum(SIGNATURE_STATUSES);
export type SignatureStatus = z.infer<typeof signatureStatusSchema>;

/** One reviewer's current decision on one difference, as the review shows every reviewer's. */
export const reviewerDecisionSchema = z.object({
  /** The pinned name, else the key's primary user ID; null for an unsigned decision. */
  reviewer: z.string().nullable(),
  fingerprint: fingerprintSchema.nullable(),
  /** Who ran Countersign (the operating-system user), as every audit entry records it. */
  actor: z.string(),
  decision: z.enum(['accepted', 'blocking']),
  comment: z.string(),
  at: z.string(),
  rule: z.string().nullable(),
  signature: signatureStatusSchema,
});
export type ReviewerDecision = z.infer<typeof reviewerDecisionSchema>;

/** `reviewer:importKey`: the reviewer's own secret key, armored, still protected by its passphrase. */
export const importReviewerKeyRequestSchema = z.object({
  key: z
    .string()
    .min(1)
    .max(1024 * 1024),
});
