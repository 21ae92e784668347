import { z } from 'zod';

/**
 * Why a tag is refused. Each code has one meaning and one action for the user;
 * the CLI's --json and the UI show the same codes.
 */
export const TAG_PROBLEM_CODES = [
  'LIGHTWEIGHT_TAG',
  'UNSIGNED_TAG',
  'UNSUPPORTED_SIGNATURE',
  'MALFORMED_SIGNATURE',
  'BAD_SIGNATURE',
  'UNKNOWN_KEY',
  'KEY_REVOKED',
  'KEY_EXPIRED',
  'KEY_CANNOT_SIGN',
  'SIGNATURE_BEFORE_KEY_CREATION',
  'SIGNATURE_IN_FUTURE',
  'WEAK_HASH',
  'TAG_NAME_MISMATCH',
  'COMMIT_MISMATCH',
  'NO_TRUSTED_SIGNERS',
] as const;
export const tagProblemCodeSchema = z.enum(TAG_PROBLEM_CODES);
export type TagProblemCode = z.infer<typeof tagProblemCodeSchema>;

export const tagProblemSchema = z.object({
  code: tagProblemCodeSchema,
  message: z.string(),
});
export type TagProblem = z.infer<typeof tagProblemSchema>;

export const personStampSchema = z.object({
  name: z.string(),
  email: z.string(),
  /** ISO 8601, from the tag's own header */
  date: z.string(),
});
export type PersonStamp = z.infer<typeof personStampSchema>;

export const tagSignerSchema = z.object({
  /** Fingerprint of the key (primary or subkey) that made the signature. */
  signingKeyFingerprint: z.string(),
  /** Fingerprint of the trusted primary key it belongs to; what the trust list pins. */
  primaryKeyFingerprint: z.string(),
  userId: z.string(),
});
export type TagSigner = z.infer<typeof tagSignerSchema>;

export const tagSignatureSchema = z.object({
  format: z.enum(['openpgp', 'ssh', 'x509', 'none']),
  issuerKeyId: z.string().nullable(),
  createdAt: z.string().nullable(),
  hashAlgorithm: z.string().nullable(),
});
export type TagSignature = z.infer<typeof tagSignatureSchema>;

/** The whole answer to "is this release tag what a trusted maintainer signed?" */
export const tagVerdictSchema = z.object({
  verdict: z.enum(['verified', 'refused']),
  /** The name asked for, i.e. refs/tags/<tagName>. */
  tagName: z.string(),
  /** SHA of the tag object; null for a lightweight tag. */
  tagObject: z.string().nullable(),
  /** What the tag object points at, from its `object` and `type` headers. */
  taggedObject: z.object({ sha: z.string(), type: z.string() }),
  /** The commit the tag finally resolves to, or null when it tags no commit. */
  commit: z.string().nullable(),
  /** The name written inside the signed tag object (`tag` header). */
  tagHeaderName: z.string().nullable(),
  tagger: personStampSchema.nullable(),
  message: z.string(),
  signature: tagSignatureSchema,
  signer: tagSignerSchema.nullable(),
  problems: z.array(tagProblemSchema),
  /** Facts worth knowing that do not refuse the tag (e.g. the key expired after signing). */
  notes: z.array(z.string()),
  checkedAt: z.string(),
});
export type TagVerdict = z.infer<typeof tagVerdictSchema>;

const gitSha = z
  .string()
  .regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, 'a full commit SHA in lower-case hex');

/**
 * What git refuses in a ref name (git-check-ref-format(1)): control characters
 * and space, `~ ^ : ? * [ \`, `..` and `@{`. Lone UTF-16 surrogates are refused
 * too: they have no UTF-8 bytes, so git would be handed another name.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_REF = /[\u0000-\u0020\u007f~^:?*[\\]|\.\.|@\{|\p{Cs}/u;

/**
 * Whether `refs/tags/<name>` is a ref name git accepts. Per component (between
 * `/`): not empty (so no leading or trailing `/`, no `//`), not starting with
 * `.`, not ending with `.lock`; the whole name does not end with `.`. `@` alone
 * is fine here: git's "not the single @" applies to the full ref name.
 */
function isGitTagName(name: string): boolean {
  if (FORBIDDEN_IN_REF.test(name) || name.endsWith('.')) return false;
  return name
    .split('/')
    .every((part) => part !== '' && !part.startsWith('.') && !part.endsWith('.lock'));
}

/** What a tag name may be, for a message beside a field. */
export const TAG_NAME_RULES =
  'no spaces or ~ ^ : ? * [ \\, no ".." or "@{", no part starting with "." or ending with ".lock", not starting with "-" or ending with "." or "/"';

/**
 * Tag names as git's own rules allow them (DEP-14's `debian/1%1.5.2-5.1`
 * included), with one intended difference: a leading `-` is refused, as `git
 * tag` itself does, because the CLI hands names to git as arguments, where
 * `-x` would be read as an option. A release's version is read from
 * debian/changelog at the tag, never from its name.
 */
export const tagNameSchema = z
  .string()
  .min(1, 'a git tag name')
  .max(255)
  .refine((name) => !name.startsWith('-'), 'a git tag name, not starting with "-"')
  .refine(isGitTagName, 'a git tag name');

export const verifyTagRequestSchema = z.object({
  tag: tagNameSchema,
  expectCommit: gitSha.optional(),
  /** Accept a SHA-1 signature (old releases). Off unless asked for. */
  allowSha1: z.boolean().optional(),
});
export type VerifyTagRequest = z.infer<typeof verifyTagRequestSchema>;

export const tagRefSchema = z.object({
  name: tagNameSchema,
  annotated: z.boolean(),
});
export type TagRef = z.infer<typeof tagRefSchema>;
