import { z } from 'zod';
import { releaseStepSchema } from './doctor';

/**
 * Every release of a project at a glance: each tag with how far it got, read
 * from its review folder and audit log. A part is null when that step has not
 * happened for the release.
 */
export const releaseStateSchema = z.object({
  tag: z.string(),
  /** The Debian or semantic version the tag names, for ordering and RC grouping. */
  version: z.string().nullable(),
  /** For a release candidate: the final release's tag it leads to (present or not). */
  candidateOf: z.string().nullable(),
  /** The tag's date (the tagger's), newest first in the list. */
  taggedAt: z.string().nullable(),
  tagVerified: z.object({ at: z.string(), signer: z.string().nullable() }).nullable(),
  rebuilt: z
    .object({
      at: z.string(),
      artifacts: z.number().int().nonnegative(),
      /** null when only one build was made (reproducibility not checked). */
      reproducible: z.boolean().nullable(),
    })
    .nullable(),
  compared: z
    .object({
      at: z.string(),
      identical: z.number().int().nonnegative(),
      differ: z.number().int().nonnegative(),
      onlyCi: z.number().int().nonnegative(),
      onlyLocal: z.number().int().nonnegative(),
    })
    .nullable(),
  reviewed: z
    .object({ decided: z.number().int().nonnegative(), total: z.number().int().nonnegative() })
    .nullable(),
  promoted: z.object({ at: z.string(), to: z.string() }).nullable(),
  verified: z.object({ at: z.string(), passed: z.boolean() }).nullable(),
  /** Where to continue: the first step not done, or null when every step is. */
  next: releaseStepSchema.nullable(),
  /** Something a person should know (a broken audit log, another project's folder left alone). */
  notice: z.string().nullable(),
});
export type ReleaseState = z.infer<typeof releaseStateSchema>;

export const releasesOverviewSchema = z.object({
  project: z.object({ id: z.string(), name: z.string() }),
  releases: z.array(releaseStateSchema),
});
export type ReleasesOverview = z.infer<typeof releasesOverviewSchema>;
