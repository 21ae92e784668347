import { z } from 'zod';
import { debIdentitySchema } from './compare';
import { tagNameSchema } from './tags';

/**
 * QA of a published apt repository: every link of the chain a user's apt
 * trusts, from the release key down to the review that approved each package.
 * A package's chain is checked in this order, and the first link that does
 * not hold is the one named:
 *
 *   signature  InRelease / Release.gpg verify with the release key
 *   release    the Packages index listing it matches its size and SHA-256 in Release
 *   index      the .deb exists and matches the size and SHA-256 its index lists
 *   review     that SHA-256 was compared and approved (or identical) and promoted by the review
 *   tag        the review's audit log records the release's tag as verified
 */
export const BROKEN_LINKS = ['signature', 'release', 'index', 'review', 'tag'] as const;
export const brokenLinkSchema = z.enum(BROKEN_LINKS);
export type BrokenLink = z.infer<typeof brokenLinkSchema>;

export const verificationStatusSchema = z.enum(['verified', 'failed']);
export type VerificationStatus = z.infer<typeof verificationStatusSchema>;

/** One signature file of a suite: InRelease, or Release.gpg over Release. */
export const signatureFileCheckSchema = z.object({
  file: z.enum(['InRelease', 'Release.gpg']),
  status: z.enum(['verified', 'failed', 'missing']),
  /** Primary fingerprints of the given keys whose signature on it verified. */
  signedBy: z.array(z.string()),
  /** Why it does not verify (or why its absence matters); null when verified. */
  problem: z.string().nullable(),
});
export type SignatureFileCheck = z.infer<typeof signatureFileCheckSchema>;

/** One file the Release lists, as found. */
export const indexFileCheckSchema = z.object({
  /** Relative to the suite's folder, as Release lists it. */
  path: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string(),
  status: z.enum(['verified', 'missing', 'mismatched']),
  problem: z.string().nullable(),
});
export type IndexFileCheck = z.infer<typeof indexFileCheckSchema>;

/** One package entry of the suite's indexes, and how far its chain holds. */
export const packageCheckSchema = debIdentitySchema.extend({
  component: z.string(),
  filename: z.string(),
  size: z.number().int().nonnegative(),
  /** As the index lists it. */
  sha256: z.string(),
  status: verificationStatusSchema,
  brokenLink: brokenLinkSchema.nullable(),
  /** Why the broken link does not hold; null when verified. */
  problem: z.string().nullable(),
  /** The release (tag) whose promotion listed it, when a review was given and it was found. */
  tag: z.string().nullable(),
});
export type PackageCheck = z.infer<typeof packageCheckSchema>;

export const suiteVerificationSchema = z.object({
  /** The folder under dists/. */
  suite: z.string(),
  signatures: z.array(signatureFileCheckSchema),
  /** Problems of the signed Release itself (expired, another suite's, InRelease and Release disagree). */
  releaseProblems: z.array(z.string()),
  indexes: z.array(indexFileCheckSchema),
  packages: z.array(packageCheckSchema),
  status: verificationStatusSchema,
});
export type SuiteVerification = z.infer<typeof suiteVerificationSchema>;

/** Something found that fits no other check: an index that cannot be read, a suite that is not one. */
export const unexpectedItemSchema = z.object({
  what: z.string(),
  problem: z.string(),
});
export type UnexpectedItem = z.infer<typeof unexpectedItemSchema>;

/** One attestation file published beside apt-prod, as found. */
export const attestationFileCheckSchema = z.object({
  /** Relative to the repository root: `attestations/<tag>/<file>`. */
  file: z.string(),
  status: z.enum(['verified', 'missing', 'failed']),
  /** What it attests (name and SHA-256), once its signature verified. */
  subjects: z.array(z.object({ name: z.string(), sha256: z.string() })),
  /** Why it does not hold; null when verified. */
  problem: z.string().nullable(),
});
export type AttestationFileCheck = z.infer<typeof attestationFileCheckSchema>;

/**
 * The signed attestations the promotion published for the review's release:
 * the VSA, each statement it lists, and whether they attest exactly the
 * bytes apt-prod serves for every package the review promoted.
 */
export const attestationsCheckSchema = z.object({
  tag: z.string(),
  folder: z.string(),
  files: z.array(attestationFileCheckSchema),
  /** What does not hold across files: a promoted package nobody attests, a subject apt-prod does not serve. */
  problems: z.array(z.string()),
  status: verificationStatusSchema,
});
export type AttestationsCheck = z.infer<typeof attestationsCheckSchema>;

/** One served package as apt-transport-in-toto would judge it: how many rebuilders vouch for its bytes. */
export const rebuildPackageCheckSchema = z.object({
  package: z.string(),
  version: z.string(),
  architecture: z.string(),
  status: verificationStatusSchema,
  /** Rebuilders whose valid link vouches for exactly the served bytes (upper-case fingerprints). */
  vouchedBy: z.array(z.string()),
  /** Why it would be refused (too few links, and each missing or failing link's reason); null when verified. */
  problem: z.string().nullable(),
});
export type RebuildPackageCheck = z.infer<typeof rebuildPackageCheckSchema>;

/**
 * apt-prod's layout for apt-transport-in-toto and the rebuilders' links it
 * serves, checked as apt would check each package it installs. Links served
 * at a rebuilder's own URL are not apt-prod's and are not read here.
 */
export const rebuildLinksCheckSchema = z.object({
  /** Problems of the layout itself: unsigned by the release key, expired, no step `rebuild`. */
  layoutProblems: z.array(z.string()),
  expires: z.string().nullable(),
  threshold: z.number().int().nonnegative(),
  packages: z.array(rebuildPackageCheckSchema),
  status: verificationStatusSchema,
});
export type RebuildLinksCheck = z.infer<typeof rebuildLinksCheckSchema>;

export const repositoryVerificationSchema = z.object({
  /** The repository root as given (a folder or an http(s) URL). */
  root: z.string(),
  /** Fingerprints of the keys the signatures were checked against. */
  keys: z.array(z.string()),
  /** The review folder the packages were checked against; null when none was given. */
  reviewDir: z.string().nullable(),
  suites: z.array(suiteVerificationSchema),
  /**
   * Files in pool/ or dists/ that no index or Release references (relative
   * to the root). Only a folder can be listed: null over HTTP, or when
   * --suite left other suites of the folder unchecked.
   */
  extraFiles: z.array(z.string()).nullable(),
  unexpected: z.array(unexpectedItemSchema),
  /** The review's published attestations; null without a review, or when it records no promotion. */
  attestations: attestationsCheckSchema.nullable(),
  /** apt-transport-in-toto's view of apt-prod; null when apt-prod publishes no layout for it. */
  rebuilds: rebuildLinksCheckSchema.nullable().default(null),
  status: verificationStatusSchema,
  checkedAt: z.string(),
});
export type RepositoryVerification = z.infer<typeof repositoryVerificationSchema>;

/** A suite passes when its signatures, Release, indexes and every package do. */
export function suiteStatus(
  suite: Pick<SuiteVerification, 'signatures' | 'releaseProblems' | 'indexes' | 'packages'>,
): VerificationStatus {
  const passes =
    suite.signatures.every((check) => check.status === 'verified') &&
    suite.releaseProblems.length === 0 &&
    suite.indexes.every((index) => index.status === 'verified') &&
    suite.packages.every((pkg) => pkg.status === 'verified');
  return passes ? 'verified' : 'failed';
}

/** The repository passes only if everything does, and there is something to pass. */
export function repositoryStatus(
  verification: Pick<
    RepositoryVerification,
    'suites' | 'extraFiles' | 'unexpected' | 'attestations'
  > & { rebuilds?: RebuildLinksCheck | null },
): VerificationStatus {
  const passes =
    verification.suites.length > 0 &&
    verification.suites.every((suite) => suite.status === 'verified') &&
    (verification.extraFiles ?? []).length === 0 &&
    verification.unexpected.length === 0 &&
    verification.attestations?.status !== 'failed' &&
    verification.rebuilds?.status !== 'failed';
  return passes ? 'verified' : 'failed';
}

/** The longest keyring text QA may paste: Debian's whole archive keyring is a tenth of this. */
export const VERIFY_KEYRING_TEXT_MAX = 1024 * 1024;
/** The longest repository URL or folder path accepted. */
export const VERIFY_REPO_MAX = 4096;

// eslint-disable-next-line no-control-regex
const hasControlCharacters = (text: string) => /[\u0000-\u001f\u007f]/.test(text);

/** A repository root as QA gives it: an http(s) URL, or a folder (no other scheme). */
export function repositoryRootProblem(root: string): string | null {
  if (hasControlCharacters(root)) return 'holds control characters';
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(root)) return null;
  if (!/^https?:\/\//i.test(root)) {
    return 'is a URL, but not an http(s) one: give an http:// or https:// URL, or a folder path';
  }
  try {
    const url = new URL(root);
    if (url.username || url.password) return 'carries a user name or password: leave them out';
    if (url.hostname === '') return 'names no host';
    return null;
  } catch {
    return 'is not a URL that can be read';
  }
}

/** The public keys apt-prod must be signed by: pasted armored text, or a keyring file on this machine. */
export const verifyKeyringSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('armored'),
      text: z
        .string()
        .max(VERIFY_KEYRING_TEXT_MAX, 'A keyring of more than 1 MiB is not a public key.')
        .refine((text) => text.trim() !== '', 'Paste the public key apt-prod is signed by.'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('file'),
      path: z
        .string()
        .max(VERIFY_REPO_MAX)
        .refine((path) => path.trim() !== '', 'Name the keyring file.')
        .refine((path) => !hasControlCharacters(path), 'A file path holds no control characters.'),
    })
    .strict(),
]);
export type VerifyKeyring = z.infer<typeof verifyKeyringSchema>;

/**
 * QA's check of an apt repository, from the UI as `countersign verify-repo`
 * does it. Everything is optional: `repo` defaults to the project's apt-prod
 * (its public URL when project.json sets one), `keyring` to the public part
 * of the project's release key (required when the project has none), `suite`
 * to every suite of a folder (over HTTP, the one the project's apt-prod
 * serves); with `tag`, that release's review is the context each package is
 * traced back to, and the verdict lands in its audit log.
 */
export const verifyRepoRequestSchema = z.object({
  repo: z
    .string()
    .max(VERIFY_REPO_MAX)
    .refine(
      (root) => root.trim() !== '',
      'Give the repository as a URL or a folder, or leave it out.',
    )
    .superRefine((root, context) => {
      const problem = repositoryRootProblem(root.trim());
      if (problem) context.addIssue({ code: 'custom', message: `The repository ${problem}.` });
    })
    .optional(),
  keyring: verifyKeyringSchema.optional(),
  suite: z
    .string()
    .max(200)
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._~+-]*(\/[A-Za-z0-9][A-Za-z0-9._~+-]*)*$/,
      'A suite is the folder under dists/ (e.g. bookworm or stable/updates).',
    )
    .optional(),
  tag: tagNameSchema.optional(),
});
export type VerifyRepoRequest = z.infer<typeof verifyRepoRequestSchema>;
