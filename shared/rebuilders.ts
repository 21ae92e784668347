import { z } from 'zod';
import { pinnedReviewerSchema } from './reviewers';

/**
 * Independent rebuilders (issue 18): each machine that rebuilds signs, with
 * its own key, an in-toto link per package it reproduced; apt-prod publishes
 * them as Debian's apt-transport-in-toto fetches them, under a layout the
 * release key signs, so apt itself refuses a package too few rebuilders
 * vouch for.
 */

/** The in-toto step every rebuilder's link is for. */
export const REBUILD_STEP = 'rebuild';

/** A rebuilder the project trusts: pinned like a reviewer, with where its own tree is served, if elsewhere. */
export const pinnedRebuilderSchema = pinnedReviewerSchema.extend({
  /**
   * The URL the rebuilder serves its own tree at (apt fetches
   * `<url>/sources/<package>/<version>/metadata`). Absent: apt-prod serves its
   * links, handed to the release manager, under in-toto/rebuilders/<keyid8>/.
   */
  url: z
    .string()
    .url()
    .regex(/^https?:\/\//, 'an http(s) URL')
    .optional(),
});
export type PinnedRebuilder = z.infer<typeof pinnedRebuilderSchema>;

/** project.json's `rebuilders`: who rebuilds, how many must agree, how long the layout holds. */
export const rebuilderPolicySchema = z
  .object({
    rebuilders: z.array(pinnedRebuilderSchema).min(1).max(20),
    /** Distinct rebuilders whose links must agree on a package's bytes before apt installs it. */
    threshold: z.number().int().min(1),
    /** Days the published layout stays valid after each promotion (apt refuses it afterwards). */
    layoutDays: z.number().int().min(1).max(3650).default(365),
  })
  .refine((policy) => policy.threshold <= policy.rebuilders.length, {
    message: 'the threshold cannot exceed the number of rebuilders',
    path: ['threshold'],
  });
export type RebuilderPolicy = z.infer<typeof rebuilderPolicySchema>;

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

/** `rebuilder:importKey`: this machine's rebuilder key, armored and still encrypted. */
export const importRebuilderKeyRequestSchema = z.object({
  key: z
    .string()
    .min(1)
    .max(1024 * 1024),
});

/** `rebuild:attest`: vouch for the packages this machine's rebuild of `tag` reproduced. */
export const attestRebuildRequestSchema = z.object({
  tag: z.string().min(1).max(255),
  /** Unlocks the rebuilder key for these signatures only; never stored. */
  passphrase: z.string().max(4096),
});

/** What a rebuilder's attestation signed, and what it left out with why. */
export const rebuildLinksResultSchema = z.object({
  rebuilder: z.string(),
  tree: z.string(),
  links: z.array(
    z.object({
      package: z.string(),
      version: z.string(),
      architecture: z.string(),
      product: z.string(),
      sha256: sha256Schema,
      path: z.string(),
    }),
  ),
  left: z.array(z.object({ name: z.string(), why: z.string() })),
});
export type RebuildLinksResult = z.infer<typeof rebuildLinksResultSchema>;
