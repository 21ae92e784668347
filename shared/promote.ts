import { z } from 'zod';
import { artifactStatusSchema, debIdentitySchema, packageNameSchema } from './compare';
import { artifactVerdictSchema } from './review';
import { packageApprovalsSchema } from './reviewers';
import { releaseKeyInfoSchema } from './signing';
import { tagNameSchema } from './tags';

/**
 * Step 5: the last gate. A package reaches apt-prod only if its tag verified,
 * its apt-test bytes are the bytes that were compared and reviewed, and it is
 * identical to the rebuild or every difference in it was accepted. The engine
 * enforces this; the plan shows it before anything is written.
 */

/** Why the gate refuses a package; stable, for scripts and the UI to match on. */
export const GATE_REFUSAL_CODES = [
  'TAG_NOT_VERIFIED',
  'AUDIT_LOG_BROKEN',
  'NOT_APPROVED',
  'NOT_REBUILT',
  'NOT_IN_APT_TEST',
  'HASH_CHANGED_SINCE_REVIEW',
  'NOT_ENOUGH_APPROVALS',
] as const;

/** Why apt-prod cannot take a package that passed the gate. */
export const PUBLICATION_REFUSAL_CODES = [
  'POOL_CONFLICT',
  'VERSION_NOT_NEWER',
  'SAME_VERSION_OTHER_BYTES',
] as const;
export type PublicationRefusalCode = (typeof PUBLICATION_REFUSAL_CODES)[number];

/** Why one package may not be promoted: a stable code and a sentence for people. */
export const gateRefusalSchema = z.object({
  code: z.enum(GATE_REFUSAL_CODES),
  message: z.string(),
});
export type GateRefusal = z.infer<typeof gateRefusalSchema>;

/** One package of the release in apt-test, and how it stands at the gate. */
export const promotionCandidateSchema = debIdentitySchema.extend({
  /** The comparison's key: "deb:package_version_arch". */
  key: z.string(),
  component: z.string(),
  /** Its Filename in apt-test. */
  filename: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
  /** Step 3's answer for it (null when it was never compared). */
  comparison: artifactStatusSchema.nullable(),
  /** Step 4's verdict when it differed (null when identical or never reviewed). */
  verdict: artifactVerdictSchema.nullable(),
  /** The evidence behind promoting it, for people: "identical to the rebuild", "2 differences accepted by dana". */
  evidence: z.string(),
  /** Empty when it passes the gate. */
  refusals: z.array(gateRefusalSchema),
  /** Whether this promotion moves it (the default: every package that passes). */
  selected: z.boolean(),
});
export type PromotionCandidate = z.infer<typeof promotionCandidateSchema>;

export const CHANGE_ACTIONS = ['add', 'replace', 'unchanged', 'downgrade'] as const;

/** What apt-prod gains: a package added, replacing an older version, or already there. */
export const plannedChangeSchema = debIdentitySchema.extend({
  action: z.enum(CHANGE_ACTIONS),
  previousVersion: z.string().nullable(),
  component: z.string(),
  sha256: z.string(),
  size: z.number().int().nonnegative(),
  poolPath: z.string(),
  evidence: z.string(),
});
export type PlannedChange = z.infer<typeof plannedChangeSchema>;

/** A package apt-prod already serves and keeps serving. */
export const keptPackageSchema = debIdentitySchema.extend({
  component: z.string(),
});

/** A selected package that apt-prod cannot take (pool conflict, older version). */
export const publicationRefusalSchema = debIdentitySchema.extend({
  code: z.enum(PUBLICATION_REFUSAL_CODES),
  message: z.string(),
});

/** The new Release's contents, before it is signed. */
export const plannedReleaseSchema = z.object({
  origin: z.string(),
  label: z.string(),
  suite: z.string(),
  codename: z.string(),
  date: z.string(),
  validUntil: z.string().nullable(),
  architectures: z.array(z.string()),
  components: z.array(z.string()),
  acquireByHash: z.boolean(),
  files: z.array(z.object({ path: z.string(), size: z.number(), sha256: z.string() })),
});
export type PlannedRelease = z.infer<typeof plannedReleaseSchema>;

/** A file that is not a Debian package (a tarball, a wheel): signed beside SHA256SUMS. */
export const detachedArtifactSchema = z.object({
  name: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
  evidence: z.string(),
  refusals: z.array(gateRefusalSchema),
});
export type DetachedArtifact = z.infer<typeof detachedArtifactSchema>;

/** One publication of apt-prod: what `dists` pointed at after a promotion. */
export const publicationInfoSchema = z.object({
  id: z.string(),
  publishedAt: z.string(),
  tag: z.string().nullable(),
  releaseSha256: z.string().nullable(),
});
export type PublicationInfo = z.infer<typeof publicationInfoSchema>;

/** The tag's standing at the gate, checked again now, not remembered. */
export const tagGateSchema = z.object({
  verified: z.boolean(),
  commit: z.string().nullable(),
  signer: z.string().nullable(),
  /** Why it does not count as verified, for people. */
  problem: z.string().nullable(),
});

/** Everything a promotion will do, computed without writing anything. */
export const promotionPlanSchema = z.object({
  tag: z.string(),
  /** apt-test, where the packages come from. */
  from: z.string(),
  /** apt-prod's folder. */
  to: z.string(),
  tagGate: tagGateSchema,
  /** The release key and the exact (sub)key that will sign; null when none is imported. */
  signer: releaseKeyInfoSchema.nullable(),
  /** Why the release key cannot sign now (expired since import…), or null. */
  signerProblem: z.string().nullable(),
  candidates: z.array(promotionCandidateSchema),
  changes: z.array(plannedChangeSchema),
  kept: z.array(keptPackageSchema),
  /** Selected packages apt-prod refuses (pool conflict, version not newer). */
  publicationRefusals: z.array(publicationRefusalSchema),
  release: plannedReleaseSchema.nullable(),
  detached: z.array(detachedArtifactSchema),
  current: publicationInfoSchema.nullable(),
  previous: publicationInfoSchema.nullable(),
  /** True when every selected package passes and something would change. */
  canPromote: z.boolean(),
  /** What stands in the way when canPromote is false, one line each. */
  blockers: z.array(z.string()),
  /**
   * Under the project's review policy, each package's approvals: who approved
   * (and whose signature does not count, and why) and how many are missing.
   * Absent when the project has no policy (any accepted decision approves).
   */
  approvals: z.array(packageApprovalsSchema).optional(),
  /** Names what will be published; promote:run refuses when it no longer matches. */
  planDigest: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PromotionPlan = z.infer<typeof promotionPlanSchema>;

export const promotionRequestSchema = z.object({
  tag: tagNameSchema,
  /** Package names to move; default every package that passes the gate. */
  packages: z.array(packageNameSchema).max(10_000).optional(),
  /** Allow a version lower than the one apt-prod serves (normally refused). */
  allowDowngrade: z.boolean().optional(),
});
export type PromotionRequest = z.infer<typeof promotionRequestSchema>;

export const runPromotionRequestSchema = promotionRequestSchema.extend({
  /** Unlocks the release key in memory for this promotion only; never stored or logged. */
  passphrase: z.string().max(4096),
  /** The plan the user read: the promotion is refused if anything changed since. */
  planDigest: z.string().regex(/^[0-9a-f]{64}$/),
});
export type RunPromotionRequest = z.infer<typeof runPromotionRequestSchema>;

export const promotionResultSchema = z.object({
  plan: promotionPlanSchema,
  publication: publicationInfoSchema,
  previous: publicationInfoSchema.nullable(),
  /** Fingerprint of the (sub)key that signed. */
  signedBy: z.string(),
  /** Files written outside dists/ and pool/ (signatures of detached artifacts). */
  detachedFiles: z.array(z.string()),
  /** The signed attestations published beside apt-prod for everyone to check (DSSE envelopes). */
  attestations: z.array(z.string()),
});
export type PromotionResult = z.infer<typeof promotionResultSchema>;

export const rollbackRequestSchema = z.object({ tag: tagNameSchema });
export const rollbackResultSchema = z.object({
  from: publicationInfoSchema,
  to: publicationInfoSchema,
});
export type RollbackResult = z.infer<typeof rollbackResultSchema>;

/** A package a publication took out of apt-prod: what it was, and the pool file it named. */
export const removedPackageSchema = keptPackageSchema.extend({
  sha256: z.string(),
  poolPath: z.string(),
});
export type RemovedPackage = z.infer<typeof removedPackageSchema>;

/** The longest reason a withdrawal records. */
export const WITHDRAWAL_REASON_MAX = 2000;

/**
 * Takes a package apt-prod serves out of it, in a new signed publication: for
 * a package blocked after it was published. The reason lands in the audit log.
 */
export const withdrawalRequestSchema = z.object({
  tag: tagNameSchema,
  /** Every version and architecture apt-prod serves of it is withdrawn. */
  package: packageNameSchema,
  reason: z
    .string()
    .max(WITHDRAWAL_REASON_MAX)
    .refine((text) => text.trim() !== '', 'A withdrawal needs a reason.'),
  /** Unlocks the release key in memory for this withdrawal only; never stored or logged. */
  passphrase: z.string().max(4096),
});
export type WithdrawalRequest = z.infer<typeof withdrawalRequestSchema>;

export const withdrawalResultSchema = z.object({
  /** The new publication, without the package. */
  publication: publicationInfoSchema,
  /** The publication that served it, which a rollback returns to. */
  previous: publicationInfoSchema.nullable(),
  withdrawn: z.array(removedPackageSchema),
  /** Fingerprint of the (sub)key that signed. */
  signedBy: z.string(),
});
export type WithdrawalResult = z.infer<typeof withdrawalResultSchema>;
