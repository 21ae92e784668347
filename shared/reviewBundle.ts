import { z } from 'zod';
import { projectIdSchema } from './project';
import { differenceNodeSchema } from './review';
import { signedDecisionSchema } from './reviewers';

/**
 * Review from another machine (issue 17): a review bundle carries what a
 * reviewer needs to judge a release's differences; the reviewer's decisions
 * come back as one file signed by their key.
 */

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');
const fingerprintSchema = z.string().regex(/^[0-9A-F]{40}$/, 'a v4 fingerprint in upper-case hex');

export const REVIEW_BUNDLE_FORMAT = 'https://countersign.dev/review-bundle/v1';
export const SIGNED_DECISIONS_TYPE = 'https://countersign.dev/review-decisions/v1';

/** One file of a bundle besides its manifest: where it sits in the release folder, its bytes' hash. */
export const bundleFileSchema = z.object({
  /** Relative to the release's review folder, "/"-separated (compare.json, reports/<hash>/tree.json…). */
  path: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/),
  size: z.number().int().nonnegative(),
  sha256: sha256Schema,
});
export type BundleFile = z.infer<typeof bundleFileSchema>;

/** One differing artifact of the release, as the bundle carries it. */
export const bundleArtifactSchema = z.object({
  key: z.string().min(1),
  name: z.string(),
  ciSha256: sha256Schema.nullable(),
  localSha256: sha256Schema.nullable(),
  /** diffoscope's report: the raw report's SHA-256 (what decisions are signed over) and its folder. */
  report: z.object({
    sha256: sha256Schema,
    diffoscopeVersion: z.string(),
    folder: z.string().regex(/^reports\/[0-9a-f]{32}$/),
  }),
  /** The difference tree as diffoscope's report was read. */
  differences: z.array(differenceNodeSchema),
  /** Every signed decision the release's audit log holds on this report, so the reader sees who decided what. */
  decisions: z.array(signedDecisionSchema),
  /** The packages themselves, only when exported with them: `packages/<sha256>`. */
  packages: z.array(z.object({ side: z.enum(['ci', 'local']), path: z.string() })),
});
export type BundleArtifact = z.infer<typeof bundleArtifactSchema>;

/** `manifest.json`, the bundle's first entry. */
export const bundleManifestSchema = z.object({
  format: z.literal(REVIEW_BUNDLE_FORMAT),
  project: z.object({ id: projectIdSchema, name: z.string() }),
  tag: z.string().min(1).max(255),
  /** The project's review policy as exported: pinned reviewers' fingerprints and thresholds; null without one. */
  policy: z
    .object({
      reviewers: z.array(
        z.object({
          name: z.string(),
          fingerprint: fingerprintSchema,
          revoked: z.boolean(),
          /** Armored; absent in bundles made before keys travelled with them. */
          publicKey: z.string().max(100_000).optional(),
        }),
      ),
      threshold: z.number().int().min(1),
      identicalThreshold: z.number().int().min(0),
    })
    .nullable(),
  artifacts: z.array(bundleArtifactSchema).max(10_000),
  /** Every other entry of the bundle, each checked when it is opened. */
  files: z.array(bundleFileSchema).max(100_000),
});
export type BundleManifest = z.infer<typeof bundleManifestSchema>;

/** One artifact as a decisions file binds it: its bytes and the report decided on. */
export const decidedReportSchema = z.object({
  key: z.string().min(1),
  ciSha256: sha256Schema.nullable(),
  localSha256: sha256Schema.nullable(),
  reportSha256: sha256Schema,
});

/** What a reviewer signs as a whole when sending decisions back. */
export const decisionsBodySchema = z.object({
  type: z.literal(SIGNED_DECISIONS_TYPE),
  project: z.string().min(1),
  tag: z.string().min(1),
  /** SHA-256 of the bundle's manifest.json as it was opened. */
  manifestSha256: sha256Schema,
  reports: z.array(decidedReportSchema).max(10_000),
  decisions: z.array(signedDecisionSchema).max(1_000_000),
  /** The reviewer's primary key fingerprint; every decision is theirs. */
  reviewer: fingerprintSchema,
  createdAt: z.string(),
});
export type DecisionsBody = z.infer<typeof decisionsBodySchema>;

/**
 * A signed decisions file: `signature` is the base64 of a binary detached
 * OpenPGP signature, hashed with SHA-256, over the canonical JSON of `signed`.
 */
export const signedDecisionsFileSchema = z.object({
  signed: decisionsBodySchema,
  signature: z.string().min(1).max(100_000),
});
export type SignedDecisionsFile = z.infer<typeof signedDecisionsFileSchema>;

/** `review:importDecisions`: a decisions file, by path or as its base64 content (one of them). */
export const importDecisionsRequestSchema = z.object({
  tag: z.string().min(1).max(255),
  file: z.string().min(1).max(4096).optional(),
  content: z
    .string()
    .max(96 * 1024 * 1024)
    .optional(),
});
export type ImportDecisionsRequest = z.infer<typeof importDecisionsRequestSchema>;

/** What an import appended: nothing the second time the same file is imported. */
export const importDecisionsResultSchema = z.object({
  reviewer: z.object({ name: z.string(), fingerprint: fingerprintSchema }),
  appended: z.number().int().nonnegative(),
  alreadyRecorded: z.number().int().nonnegative(),
});
export type ImportDecisionsResult = z.infer<typeof importDecisionsResultSchema>;

/** `bundle:open`: a review bundle on this machine, by its path. */
export const openBundleRequestSchema = z.object({ file: z.string().min(1).max(4096) });

/** A review bundle opened in the window, in place of a project: its one release to decide on. */
export const openedBundleSchema = z.object({
  /** The bundle file as it was opened. */
  bundleFile: z.string(),
  /** Where it was unpacked: a read-only review folder under this machine's data folder. */
  reviewDir: z.string(),
  manifestSha256: sha256Schema,
  /** The same bundle was opened before: its folder and the decisions made in it are kept. */
  alreadyOpen: z.boolean(),
  project: z.object({ id: projectIdSchema, name: z.string() }),
  tag: z.string(),
  policy: bundleManifestSchema.shape.policy,
  /** How many differing artifacts it asks to be judged. */
  artifacts: z.number().int().nonnegative(),
});
export type OpenedBundleView = z.infer<typeof openedBundleSchema>;

/** `bundle:writeDecisions`: this machine's reviewer's decisions in the open bundle, signed into one file. */
export const writeDecisionsRequestSchema = z.object({
  out: z.string().min(1).max(4096),
  passphrase: z.string().max(4096),
});

/** What was written: the file, how many decisions, whose key signed it. */
export const writtenDecisionsSchema = z.object({
  file: z.string(),
  decisions: z.number().int().nonnegative(),
  reviewer: fingerprintSchema,
});
export type WrittenDecisionsView = z.infer<typeof writtenDecisionsSchema>;
