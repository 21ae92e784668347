import { z } from 'zod';

const isoDate = z.string();

/** One key (primary or subkey) of a trusted signer, as a person needs to judge it. */
export const keySummarySchema = z.object({
  fingerprint: z.string(),
  keyId: z.string(),
  algorithm: z.string(),
  createdAt: isoDate,
  /** null when the key never expires */
  expiresAt: isoDate.nullable(),
  revoked: z.boolean(),
  revocationReason: z.string().optional(),
  canSign: z.boolean(),
});
export type KeySummary = z.infer<typeof keySummarySchema>;

/** A maintainer key in the project's trust list, pinned by its primary key's full fingerprint. */
export const trustedSignerSchema = keySummarySchema.extend({
  userIds: z.array(z.string()),
  subkeys: z.array(keySummarySchema),
});
export type TrustedSigner = z.infer<typeof trustedSignerSchema>;

export const importSignerRequestSchema = z.object({
  /** An armored key block, or a binary key as base64 (prefixed "base64:"). */
  key: z.string().min(1).max(4_000_000),
});
export type ImportSignerRequest = z.infer<typeof importSignerRequestSchema>;

export const removeSignerRequestSchema = z.object({
  fingerprint: z
    .string()
    .regex(/^[0-9A-F]{40}([0-9A-F]{24})?$/, 'a full fingerprint in upper-case hex'),
});
export type RemoveSignerRequest = z.infer<typeof removeSignerRequestSchema>;
