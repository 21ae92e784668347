import { z } from 'zod';
import { tagNameSchema } from './tags';

/**
 * A reviewer's sign-off on a release (issue 17, point 4): an in-toto v0.9
 * link for the step `approve`, signed with the reviewer's own key, whose
 * products are the release's .debs this reviewer's decisions approve. At
 * promotion, the links that cover exactly the promoted packages are
 * published beside an in-toto layout signed by the release key, so Debian's
 * `in-toto-verify` can judge the approvals. See docs/attestations.md.
 */

/** The in-toto step every approval is a link for. */
export const APPROVE_STEP = 'approve';

export const signOffRequestSchema = z.object({
  tag: tagNameSchema,
  /** Unlocks the reviewer's own key in memory for this signature only; never stored or logged. */
  passphrase: z.string().max(4096),
});
export type SignOffRequest = z.infer<typeof signOffRequestSchema>;

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

/** One package an approval vouches for: apt's file name (`name_version_arch.deb`) and its bytes. */
export const approvedPackageSchema = z.object({
  name: z.string(),
  sha256: sha256Schema,
});
export type ApprovedPackage = z.infer<typeof approvedPackageSchema>;

export const signOffResultSchema = z.object({
  tag: z.string(),
  /** The reviewer's primary key fingerprint, lower-case (their keyid in the layout). */
  reviewer: z.string(),
  /** The (sub)key that signed, lower-case; the link file is named by its first 8 hex digits. */
  signedWith: z.string(),
  /** The link's path in the review folder: `approvals/approve.<keyid8>.link`. */
  file: z.string(),
  /** SHA-256 of the link file's bytes, as the audit log records it. */
  sha256: sha256Schema,
  products: z.array(approvedPackageSchema),
  /** The release's packages this sign-off does not cover, and why. */
  left: z.array(z.object({ name: z.string(), why: z.string() })),
});
export type SignOffResult = z.infer<typeof signOffResultSchema>;
