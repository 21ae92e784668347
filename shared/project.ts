import { z } from 'zod';
import { rebuildRecipeSchema, rebuildSetupSchema } from './rebuild';
import { trustedSignerSchema } from './signers';
import { tagRefSchema } from './tags';

/**
 * What a release manager sets up once, as stored in project.json. Paths are
 * relative to the folder holding project.json. Trusted signers are pinned by
 * fingerprint: a stored key whose fingerprint differs from its pin is refused.
 */
export const projectConfigSchema = z.object({
  name: z.string().min(1).max(200),
  source: z.object({ repo: z.string().min(1) }),
  trustedSigners: z.array(
    z.object({
      fingerprint: z.string().regex(/^[0-9A-F]{40}([0-9A-F]{24})?$/),
      publicKey: z.string().min(1),
    }),
  ),
  rebuild: rebuildRecipeSchema.optional(),
});
export type ProjectConfig = z.infer<typeof projectConfigSchema>;

/** The open project as the UI shows it. */
export const projectSummarySchema = z.object({
  name: z.string(),
  projectFile: z.string(),
  repoPath: z.string(),
  trustedSigners: z.array(trustedSignerSchema),
  tags: z.array(tagRefSchema),
  /** The rebuild recipe and its base image, or null when the project has none. */
  rebuild: rebuildSetupSchema.nullable(),
});
export type ProjectSummary = z.infer<typeof projectSummarySchema>;
