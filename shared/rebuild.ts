import { z } from 'zod';
import { tagNameSchema } from './tags';

/** The environment a rebuild starts from: a pinned image, or a Debian suite Countersign bootstraps itself. */
export const baseEnvironmentSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('bootstrap'),
    suite: z.string().regex(/^[a-z][a-z0-9.-]*$/),
    /** A Debian mirror URL; absent means mmdebstrap's default (the host's apt sources for the host's suite). */
    mirror: z.string().optional(),
    /** ISO date of a snapshot, also used as SOURCE_DATE_EPOCH for the bootstrap. */
    snapshot: z.string().optional(),
    packages: z.array(z.string().regex(/^[a-z0-9][a-z0-9+.-]*$/)).default([]),
  }),
  z.object({
    kind: z.literal('image'),
    /** An image reference pinned by digest: name@sha256:… */
    image: z.string().regex(/@sha256:[0-9a-f]{64}$/, 'an image pinned by digest (name@sha256:…)'),
  }),
]);
export type BaseEnvironment = z.infer<typeof baseEnvironmentSchema>;

/** How to rebuild a release: where from, what to run, what to keep. */
export const rebuildRecipeSchema = z.object({
  base: baseEnvironmentSchema,
  /** "debian": install build deps from debian/control, then dpkg-buildpackage -us -uc -b. */
  preset: z.enum(['debian', 'custom']).default('debian'),
  /** For "custom": a shell command run in the source folder, network off. */
  command: z.string().optional(),
  /** For "custom": a shell command run as root with network before the build (dependencies). */
  prepare: z.string().optional(),
  /** File name patterns (* and ?) matched in the folder above the source, where dpkg-buildpackage writes. */
  artifacts: z.array(z.string()).default(['*.deb', '*.buildinfo', '*.changes']),
  env: z.record(z.string(), z.string()).default({}),
});
export type RebuildRecipe = z.infer<typeof rebuildRecipeSchema>;

export const rebuiltArtifactSchema = z.object({
  name: z.string(),
  sha256: z.string(),
  size: z.number(),
});
export type RebuiltArtifact = z.infer<typeof rebuiltArtifactSchema>;

/** What was built, from what, with what: written beside the artifacts. */
export const buildInfoSchema = z.object({
  tag: z.string(),
  commit: z.string(),
  image: z.object({ reference: z.string(), id: z.string() }),
  recipe: rebuildRecipeSchema,
  sourceDateEpoch: z.number(),
  environment: z.record(z.string(), z.string()),
  buildPath: z.string(),
  tools: z.record(z.string(), z.string()),
  startedAt: z.string(),
  finishedAt: z.string(),
  artifacts: z.array(rebuiltArtifactSchema),
});
export type BuildInfo = z.infer<typeof buildInfoSchema>;

/** One finished rebuild as the UI lists it. */
export const rebuildSummarySchema = z.object({
  variation: z.enum(['reference', 'varied']),
  outDir: z.string(),
  buildInfo: buildInfoSchema,
});
export type RebuildSummary = z.infer<typeof rebuildSummarySchema>;

export const reproducibilitySchema = z.object({
  reproducible: z.boolean(),
  differing: z.array(z.string()),
  compared: z.array(z.string()),
});
export type Reproducibility = z.infer<typeof reproducibilitySchema>;

export const rebuildResultSchema = z.object({
  reference: rebuildSummarySchema,
  varied: rebuildSummarySchema.nullable(),
  reproducibility: reproducibilitySchema.nullable(),
});
export type RebuildResult = z.infer<typeof rebuildResultSchema>;

export const runRebuildRequestSchema = z.object({
  tag: tagNameSchema,
  checkReproducible: z.boolean().optional(),
});
export type RunRebuildRequest = z.infer<typeof runRebuildRequestSchema>;

export const listRebuildsRequestSchema = z.object({ tag: tagNameSchema });

/** The project's recipe and the image it will use, shown before a rebuild starts. */
export const rebuildSetupSchema = z.object({
  recipe: rebuildRecipeSchema,
  image: z.string(),
});
export type RebuildSetup = z.infer<typeof rebuildSetupSchema>;
