import { z } from 'zod';

/** The largest armored release key accepted: real keys are a few kilobytes. */
export const MAX_RELEASE_KEY_LENGTH = 1024 * 1024;

const isoDate = z.iso.datetime();
// v4 keys have 40-digit fingerprints, v6 keys (RFC 9580) 64, as in shared/signers.ts.
const fingerprint = z
  .string()
  .regex(/^[0-9A-F]{40}([0-9A-F]{24})?$/, 'a full fingerprint in upper-case hex');

/** The exact key (primary or subkey) that will make the signatures. */
export const signingKeyInfoSchema = z.object({
  fingerprint,
  keyId: z.string().regex(/^[0-9A-F]{16}$/, 'a key ID in upper-case hex'),
  /** As people write it: "Ed25519", "RSA 4096". */
  algorithm: z.string(),
  created: isoDate,
  /** null when it never expires */
  expires: isoDate.nullable(),
  isSubkey: z.boolean(),
});
export type SigningKeyInfo = z.infer<typeof signingKeyInfoSchema>;

/** The release key as a release manager checks it before trusting it with the archive. */
export const releaseKeyInfoSchema = z.object({
  /** The primary key's fingerprint: what the project pins and users import. */
  fingerprint,
  userIds: z.array(z.string()),
  created: isoDate,
  /** null when it never expires */
  expires: isoDate.nullable(),
  /** Whether every secret part in the file is protected by a passphrase. */
  protected: z.boolean(),
  signingKey: signingKeyInfoSchema,
});
export type ReleaseKeyInfo = z.infer<typeof releaseKeyInfoSchema>;

export const importReleaseKeyRequestSchema = z.object({
  /** The secret key, armored (gpg --armor --export-secret-keys), still protected by its passphrase. */
  key: z.string().min(1).max(MAX_RELEASE_KEY_LENGTH),
  /** A key without a passphrase is refused unless the release manager allows it explicitly. */
  allowUnprotected: z.boolean().default(false),
});
export type ImportReleaseKeyRequest = z.infer<typeof importReleaseKeyRequestSchema>;
