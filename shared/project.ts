import { z } from 'zod';
import { appErrorSchema } from './errors';
import { rebuildRecipeSchema, rebuildSetupSchema } from './rebuild';
import { rebuilderPolicySchema } from './rebuilders';
import { reviewPolicySchema } from './reviewers';
import { trustedSignerSchema } from './signers';
import { releaseKeyInfoSchema } from './signing';
import { tagRefSchema } from './tags';

/**
 * What a release manager sets up once, as stored in project.json. Paths are
 * relative to the folder holding project.json. Trusted signers are pinned by
 * fingerprint: a stored key whose fingerprint differs from its pin is refused.
 */
const pinnedKeySchema = z.object({
  fingerprint: z.string().regex(/^[0-9A-F]{40}([0-9A-F]{24})?$/),
  publicKey: z.string().min(1),
});

/**
 * Where CI's artifacts are: a folder, an archive (.zip, .tar, .tar.gz, .tar.xz),
 * or "apt:" followed by an apt repository's root (a path or an http(s) URL),
 * whose Release must be signed by one of `repositoryKeys`.
 */
export const ciSourceConfigSchema = z.object({
  source: z.string().min(1),
  repositoryKeys: z.array(pinnedKeySchema).default([]),
  /** For apt: which suite under dists/ (default: the only one), component and architecture. */
  suite: z.string().optional(),
  component: z.string().optional(),
  architecture: z.string().optional(),
});
export type CiSourceConfig = z.infer<typeof ciSourceConfigSchema>;

/**
 * Where approved packages are published: apt-prod's folder and the Release it
 * carries. The suite and codename default to apt-test's.
 */
export const aptProdConfigSchema = z.object({
  path: z.string().min(1),
  suite: z.string().optional(),
  codename: z.string().optional(),
  origin: z.string().min(1).default('Countersign'),
  label: z.string().min(1).default('Countersign'),
  /** Days a Release stays valid (Valid-Until); none by default. */
  validDays: z.number().int().min(1).max(3650).optional(),
  acquireByHash: z.boolean().default(true),
  /** The URL apt-prod's users fetch from, named as the resource in its attestations. */
  url: z
    .string()
    .url()
    .regex(/^https?:\/\//i, 'an http(s) URL')
    .optional(),
});
export type AptProdConfig = z.infer<typeof aptProdConfigSchema>;

/** The release key: its armored file, still encrypted, and its pinned fingerprint. */
export const releaseKeyConfigSchema = z.object({
  file: z.string().min(1),
  fingerprint: z.string().regex(/^[0-9A-F]{40}([0-9A-F]{24})?$/),
});

/** A project's identity (see electron/core/lib/project/projectIdentity.ts). */
export const projectIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, ".", "_" or "-", at most 64');

export const projectConfigSchema = z.object({
  /** Chosen at init and kept: review folders and audit logs are keyed by it, never by the name. */
  id: projectIdSchema.optional(),
  name: z.string().min(1).max(200),
  /**
   * The git repository: a folder, or for a source set up from a URL, the bare
   * mirror Countersign keeps (`repo`) and the URL it re-fetches tags from.
   */
  source: z.object({ repo: z.string().min(1), url: z.string().min(1).optional() }),
  trustedSigners: z.array(pinnedKeySchema),
  rebuild: rebuildRecipeSchema.optional(),
  ci: ciSourceConfigSchema.optional(),
  /**
   * apt-test, where packages are promoted from, when CI's artifacts are
   * compared from a folder or an archive (which also hold CI's other files,
   * signed at promotion). By default apt-test is the CI source itself.
   */
  aptTest: ciSourceConfigSchema.optional(),
  aptProd: aptProdConfigSchema.optional(),
  releaseKey: releaseKeyConfigSchema.optional(),
  /** Who reviews (pinned keys) and how many must agree before a package is promoted. */
  reviewPolicy: reviewPolicySchema.optional(),
  /** Who rebuilds independently (pinned keys), and how many must agree before apt installs a package. */
  rebuilders: rebuilderPolicySchema.optional(),
});
export type ProjectConfig = z.infer<typeof projectConfigSchema>;

/** The open project as the UI shows it. */
export const projectSummarySchema = z.object({
  id: projectIdSchema,
  name: z.string(),
  projectFile: z.string(),
  repoPath: z.string(),
  /** The URL the source is mirrored from ("Fetch tags" re-fetches it); absent for a local repository. */
  sourceUrl: z.string().optional(),
  trustedSigners: z.array(trustedSignerSchema),
  tags: z.array(tagRefSchema),
  /** The rebuild recipe and its base image, or null when the project has none. */
  rebuild: rebuildSetupSchema.nullable(),
  /** Where CI's artifacts come from, and the keys trusted to sign an apt source; null when unset. */
  ci: z
    .object({
      source: z.string(),
      kind: z.enum(['folder', 'archive', 'apt']),
      repositoryKeys: z.array(trustedSignerSchema),
    })
    .nullable(),
  /** apt-prod's folder, or null when the project publishes nowhere yet. */
  aptProd: z.object({ location: z.string() }).nullable(),
  /** The imported release key, and why it cannot sign today (expired…), if so. */
  releaseKey: z
    .object({ info: releaseKeyInfoSchema.nullable(), problem: appErrorSchema.nullable() })
    .nullable(),
});
export type ProjectSummary = z.infer<typeof projectSummarySchema>;
