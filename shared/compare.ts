import { z } from 'zod';
import { artifactCounts } from './artifactCounts';
import { tagNameSchema } from './tags';

/**
 * Step 3: what CI produced against what we rebuilt. An artifact is matched
 * across the two sides by its identity: a Debian package by package, version
 * and architecture (from its control data, not its file name), any other file
 * by its name.
 */
export const ARTIFACT_STATUSES = ['identical', 'differs', 'only-ci', 'only-local'] as const;
export const artifactStatusSchema = z.enum(ARTIFACT_STATUSES);
export type ArtifactStatus = z.infer<typeof artifactStatusSchema>;

/** A Debian binary package's identity, read from its control data. */
export const debIdentitySchema = z.object({
  package: z.string(),
  version: z.string(),
  architecture: z.string(),
});
export type DebIdentity = z.infer<typeof debIdentitySchema>;

/** One artifact as one side holds it. */
export const artifactCopySchema = z.object({
  /** Its path inside the source (a folder, an archive, or a repository's Filename). */
  path: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  deb: debIdentitySchema.nullable(),
});
export type ArtifactCopy = z.infer<typeof artifactCopySchema>;

/** One row of the comparison. */
export const artifactComparisonSchema = z.object({
  /** What both sides are matched on: "deb:package_version_arch" or "file:name". */
  key: z.string(),
  /** A short name for people: the package file name or the file's name. */
  name: z.string(),
  status: artifactStatusSchema,
  ci: artifactCopySchema.nullable(),
  local: artifactCopySchema.nullable(),
});
export type ArtifactComparison = z.infer<typeof artifactComparisonSchema>;

export const ARTIFACT_SOURCE_KINDS = ['folder', 'archive', 'apt'] as const;

/** Where one side's artifacts came from, as the result records it. */
export const artifactSourceSchema = z.object({
  kind: z.enum(ARTIFACT_SOURCE_KINDS),
  /** The folder, archive, or repository root (path or URL) as given. */
  location: z.string(),
  /** For an apt repository: what was read and who signed it. */
  repository: z
    .object({
      suite: z.string(),
      components: z.array(z.string()),
      architectures: z.array(z.string()),
      /** Fingerprints of the trusted keys whose signatures on the Release file verified. */
      signedBy: z.array(z.string()),
      releaseSha256: z.string(),
    })
    .nullable(),
  /** Entries that were present but are not artifacts (a link inside an archive), with why. */
  skipped: z.array(z.object({ path: z.string(), reason: z.string() })),
});
export type ArtifactSource = z.infer<typeof artifactSourceSchema>;

export const comparisonSummarySchema = z.object({
  identical: z.number().int().nonnegative(),
  differs: z.number().int().nonnegative(),
  onlyCi: z.number().int().nonnegative(),
  onlyLocal: z.number().int().nonnegative(),
});
export type ComparisonSummary = z.infer<typeof comparisonSummarySchema>;

/**
 * The release tag builds one version of its source, but CI's apt repository
 * holds the source's binaries only at other versions: CI did not publish this
 * release (an RC tag against apt-test's final release), so nothing of it can
 * be compared.
 */
export const versionMismatchSchema = z.object({
  /** The source package, from debian/changelog at the tag. */
  source: z.string(),
  /** The version the tag builds, from debian/changelog at the tag. */
  tagVersion: z.string(),
  /** The versions of that source CI's repository holds instead. */
  ciVersions: z.array(z.string()).min(1),
});
export type VersionMismatch = z.infer<typeof versionMismatchSchema>;

/** The mismatch in one sentence, as the UI and the CLI say it. */
export function versionMismatchSentence(mismatch: VersionMismatch, ciName = 'apt-test'): string {
  return `${ciName} holds ${mismatch.source} ${mismatch.ciVersions.join(', ')}; this tag builds ${mismatch.tagVersion}: CI did not publish this release.`;
}

/** The whole answer of step 3, saved in the review folder as compare.json. */
export const compareResultSchema = z.object({
  ci: artifactSourceSchema,
  local: artifactSourceSchema,
  artifacts: z.array(artifactComparisonSchema),
  summary: comparisonSummarySchema,
  /** True only when every artifact is identical and none is missing on either side. */
  identical: z.boolean(),
  comparedAt: z.string(),
  /** Bytes hashed, both sides together. */
  bytesHashed: z.number().int().nonnegative(),
  /** Set when CI's apt repository holds this release's source only at other versions. */
  versionMismatch: versionMismatchSchema.nullable().optional(),
});
export type CompareResult = z.infer<typeof compareResultSchema>;

/** Counts the rows by status (the counts every step uses are `artifactCounts`). */
export function summarise(artifacts: readonly ArtifactComparison[]): ComparisonSummary {
  const { identical, differs, onlyCi, onlyLocal } = artifactCounts(artifacts);
  return { identical, differs, onlyCi, onlyLocal };
}

export const packageNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9+.-]*$/, 'a Debian package name');

/**
 * Compares the project's CI artifacts with the release's local rebuild. The
 * CI source comes from the project config; `packages` narrows an apt source.
 */
export const runCompareRequestSchema = z.object({
  tag: tagNameSchema,
  packages: z.array(packageNameSchema).max(10_000).optional(),
});
export type RunCompareRequest = z.infer<typeof runCompareRequestSchema>;

export const lastCompareRequestSchema = z.object({ tag: tagNameSchema });
