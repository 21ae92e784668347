import { z } from 'zod';
import { projectIdSchema } from './project';
import { rebuildRecipeSchema } from './rebuild';
import { trustedSignerSchema } from './signers';

/**
 * Setting up a project: the questions `countersign init` and the UI's "New
 * project…" ask, each checked as it is answered, and the whole set checked
 * again by the one engine function that writes project.json.
 */

const pathOrUrl = z.string().trim().min(1).max(4096);

/**
 * Where a key comes from: a file (armored or binary), a fingerprint in the
 * user's own GnuPG keyring (exported with `gpg --export`), or pasted text.
 */
export const keySourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: pathOrUrl }),
  z.object({
    kind: z.literal('gpg'),
    fingerprint: z
      .string()
      .trim()
      .regex(/^(0x)?[0-9A-Fa-f]{40}([0-9A-Fa-f]{24})?$/, 'a full fingerprint (40 hex digits)'),
  }),
  z.object({ kind: z.literal('armored'), text: z.string().min(1).max(4_000_000) }),
]);
export type KeySource = z.infer<typeof keySourceSchema>;

/** The source: a local git repository, or a URL Countersign mirrors as a bare clone. */
export const inspectSourceRequestSchema = z.object({ source: pathOrUrl });
export type InspectSourceRequest = z.infer<typeof inspectSourceRequestSchema>;

/** What the source holds, and the recipe and name read from it. */
export const sourceInspectionSchema = z.object({
  kind: z.enum(['local', 'url']),
  /** The repository's folder (for a URL, the mirror made while checking it). */
  location: z.string(),
  /** Its tags, newest first. */
  tags: z.array(z.string()),
  /** A name for the project: debian/changelog's source name, else the folder's. */
  suggestedName: z.string(),
  /** The Debian source and version at the newest tag (or HEAD), when debian/changelog reads. */
  debian: z
    .object({
      source: z.string(),
      version: z.string(),
      /** The changelog's distribution ("bookworm", "unstable", "UNRELEASED"). */
      distribution: z.string(),
    })
    .nullable(),
  /** The recipe detected: the Debian preset for a debian/ folder, null otherwise (to be written). */
  recipe: rebuildRecipeSchema.nullable(),
  /** Why the base suite was or was not taken from the changelog, for a person to confirm. */
  recipeNote: z.string(),
});
export type SourceInspection = z.infer<typeof sourceInspectionSchema>;

export const inspectKeysRequestSchema = z.object({ keys: z.array(keySourceSchema).min(1).max(50) });
export type InspectKeysRequest = z.infer<typeof inspectKeysRequestSchema>;

/** Each key, as a person judges it before trusting it: fingerprint and user IDs. */
export const keysInspectionSchema = z.object({ keys: z.array(trustedSignerSchema) });
export type KeysInspection = z.infer<typeof keysInspectionSchema>;

/** CI's side: a folder, an archive, or `apt:` and an apt repository's root with its key(s). */
export const ciSetupSchema = z.object({
  source: pathOrUrl,
  keys: z.array(keySourceSchema).max(20).default([]),
  suite: z.string().trim().min(1).max(100).optional(),
  component: z.string().trim().min(1).max(100).optional(),
  architecture: z.string().trim().min(1).max(50).optional(),
});
export type CiSetup = z.infer<typeof ciSetupSchema>;

/** CI's source as checked at once: what it is, and for apt, the Release that verified. */
export const ciInspectionSchema = z.object({
  kind: z.enum(['folder', 'archive', 'apt']),
  location: z.string(),
  /** For apt: the suite read, who signed its Release, and how many packages it lists. */
  apt: z
    .object({
      suite: z.string(),
      signedBy: z.string(),
      packages: z.number().int().nonnegative(),
    })
    .nullable(),
});
export type CiInspection = z.infer<typeof ciInspectionSchema>;

/** apt-prod: its folder (made if absent), the URL users' sources.list will name, and its Release fields. */
export const aptProdSetupSchema = z.object({
  path: pathOrUrl,
  url: z
    .string()
    .trim()
    .url()
    .regex(/^https?:\/\//i, 'an http(s) URL')
    .optional(),
  origin: z.string().trim().min(1).max(200).optional(),
  label: z.string().trim().min(1).max(200).optional(),
  suite: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a suite name')
    .optional(),
});
export type AptProdSetup = z.infer<typeof aptProdSetupSchema>;

/** Every answer: what `countersign init` and "New project…" hand to the engine. */
export const initProjectRequestSchema = z.object({
  /** The project's folder: made if absent; refused when it already holds a project. */
  dir: pathOrUrl,
  /** Default: the source's name (debian/changelog's source package, else its folder's). */
  name: z.string().trim().min(1).max(200).optional(),
  /** Default: the name and 8 random hex digits. */
  id: projectIdSchema.optional(),
  source: pathOrUrl,
  signers: z.array(keySourceSchema).min(1).max(50),
  /** Default: the recipe detected from the source. */
  rebuild: rebuildRecipeSchema.optional(),
  /** With the detected recipe: the Debian suite to bootstrap the base from, instead of the changelog's. */
  baseSuite: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9.-]*$/, 'a Debian suite name')
    .optional(),
  ci: ciSetupSchema.optional(),
  aptProd: aptProdSetupSchema.optional(),
});
export type InitProjectRequest = z.infer<typeof initProjectRequestSchema>;

/** A project opened before, for the start screen. */
export const recentProjectSchema = z.object({
  projectFile: z.string(),
  id: z.string(),
  name: z.string(),
  openedAt: z.string(),
  /** False when its project.json is gone or no longer loads. */
  available: z.boolean(),
});
export type RecentProject = z.infer<typeof recentProjectSchema>;

export const recentProjectsSchema = z.object({ projects: z.array(recentProjectSchema) });

export const openProjectRequestSchema = z.object({ projectFile: pathOrUrl });
export type OpenProjectRequest = z.infer<typeof openProjectRequestSchema>;

/** What `countersign fetch` and "Fetch tags" found: the tags new since the last fetch. */
export const fetchTagsResultSchema = z.object({
  source: z.string(),
  newTags: z.array(z.string()),
  /** Tags the remote has moved since they were fetched: kept here as they were, and worth asking about. */
  movedTags: z.array(z.string()),
  tags: z.number().int().nonnegative(),
});
export type FetchTagsResult = z.infer<typeof fetchTagsResultSchema>;
