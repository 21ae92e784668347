import { hostname } from 'node:os';
import { join } from 'node:path';
import { open, readFile, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { z } from 'zod';
import { CountersignError } from '../../../shared/errors';
import { plannedChangeSchema, removedPackageSchema } from '../../../shared/promote';
import { writeFileAtomic } from '../lib/fs/atomicWrite';
import { readJsonFile } from '../lib/fs/readJsonFile';
import { hostileLayout, isRealDirBelow, lstatOrNull, realDirBelow, syncDir } from './durableFs';
import {
  distsLinkTarget,
  isPublicationId,
  LOCK_FILE,
  PUBLICATION_JSON,
  PUBLICATIONS_DIR,
  publicationOfLink,
  STATE_DIR,
  tempNameFor,
} from './prodPaths';
import type { Checkpoint, PublicationInfo } from './publishTypes';

// What a publication added, as the promotion plan shows it (without the gate's evidence).
const changeSchema = plannedChangeSchema.omit({ evidence: true });

const publicationInfoSchema = z.object({
  format: z.literal(1),
  id: z.string(),
  publishedAt: z.string(),
  previous: z.string().nullable(),
  tag: z.string().nullable(),
  suite: z.string(),
  releaseSha256: z.string().nullable(),
  added: z.array(changeSchema),
  removed: z.array(removedPackageSchema).optional(),
  poolAdded: z.array(z.string()),
  migrated: z.boolean(),
});

const poolJournalSchema = z.object({ poolPaths: z.array(z.string()) });

/** A publication's folder, absolute. */
export function publicationDir(root: string, id: string): string {
  return join(root, PUBLICATIONS_DIR, id);
}

/** The publication's record, or null when it is missing or incomplete (publication.json is written last). */
export async function readPublicationInfo(
  root: string,
  id: string,
): Promise<PublicationInfo | null> {
  if (!isPublicationId(id) || !(await isRealDirBelow(root, `${PUBLICATIONS_DIR}/${id}/dists`))) {
    return null;
  }
  const info = await readJsonFile(
    join(publicationDir(root, id), PUBLICATION_JSON),
    publicationInfoSchema,
  );
  if (!info || info.id !== id) return null;
  return {
    id: info.id,
    publishedAt: info.publishedAt,
    previous: info.previous,
    tag: info.tag,
    suite: info.suite,
    releaseSha256: info.releaseSha256,
    added: info.added,
    ...(info.removed ? { removed: info.removed } : {}),
    poolAdded: info.poolAdded,
    migrated: info.migrated,
  };
}

export async function writePublicationInfo(root: string, info: PublicationInfo): Promise<void> {
  await writeFileAtomic(
    join(publicationDir(root, info.id), PUBLICATION_JSON),
    `${JSON.stringify({ format: 1, ...info }, null, 2)}\n`,
  );
}

/** Names in the publications folder (ids, and whatever else a crash or a person left). */
export async function publicationFolderNames(root: string): Promise<string[]> {
  if (!(await isRealDirBelow(root, PUBLICATIONS_DIR))) return [];
  return (await readdir(join(root, PUBLICATIONS_DIR))).sort();
}

/** Records the pool files a run is about to create, before it creates any. */
export async function writePoolJournal(
  root: string,
  id: string,
  poolPaths: string[],
): Promise<void> {
  await writeFileAtomic(
    join(publicationDir(root, id), 'pool.json'),
    `${JSON.stringify({ poolPaths }, null, 2)}\n`,
  );
}

export async function readPoolJournal(root: string, id: string): Promise<string[]> {
  const journal = await readJsonFile(
    join(publicationDir(root, id), 'pool.json'),
    poolJournalSchema,
  );
  return journal?.poolPaths ?? [];
}

/** What `dists` is now: nothing, a folder from before Countersign, or a link to a publication. */
export type DistsState =
  | { kind: 'none' }
  | { kind: 'plain'; dir: string }
  | { kind: 'publication'; id: string; dir: string };

/**
 * Reads the `dists` entry. A link is followed only when it is exactly one of
 * ours (relative, to `.countersign/publications/<id>/dists`, through real
 * folders): anything else, a link out of apt-prod above all, is refused.
 */
export async function readDistsState(root: string): Promise<DistsState> {
  const path = join(root, 'dists');
  const stats = await lstatOrNull(path);
  if (!stats) return { kind: 'none' };
  if (stats.isDirectory()) return { kind: 'plain', dir: path };
  if (!stats.isSymbolicLink()) throw hostileLayout(`${path} is neither a folder nor a link.`);
  const target = await readlink(path);
  const id = publicationOfLink(target);
  if (id === null) {
    throw hostileLayout(
      `${path} links to ${JSON.stringify(target.slice(0, 200))}, which is not one of Countersign's publications; a link out of apt-prod would make Countersign read and sign files it does not own.`,
    );
  }
  if (!(await isRealDirBelow(root, target))) {
    throw hostileLayout(`${path} links to ${target}, which is missing or reached through a link.`);
  }
  return { kind: 'publication', id, dir: join(root, target) };
}

/**
 * Points `dists` at a publication in one rename(2) of a fresh relative
 * symlink over it, then fsyncs apt-prod's folder: a reader sees the old
 * publication or the new one, never neither and never a mix.
 */
export async function switchDists(root: string, id: string, checkpoint: Checkpoint): Promise<void> {
  const temp = join(root, tempNameFor('dists'));
  await symlink(distsLinkTarget(id), temp);
  try {
    await syncDir(root);
    await checkpoint('switch:before');
    await rename(temp, join(root, 'dists'));
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDir(root);
  await checkpoint('switch:after');
}

function busy(detail: string): CountersignError {
  return new CountersignError(
    'APT_PROD_BUSY',
    `Another Countersign run is publishing to this apt-prod (${detail}).`,
    'Wait for it to finish. If none is running, remove .countersign/publish.lock in apt-prod.',
  );
}

const lockSchema = z.object({ pid: z.number(), host: z.string(), startedAt: z.string() });

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes apt-prod's publish lock (an exclusive-create file) and returns its
 * release. A lock left by a process of this machine that no longer runs (a
 * crash, a kill) is taken over; any other refuses.
 */
export async function acquirePublishLock(root: string): Promise<() => Promise<void>> {
  await realDirBelow(root, STATE_DIR);
  const path = join(root, LOCK_FILE);
  const content = JSON.stringify({
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
  });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx', 0o644);
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = lockSchema.safeParse(
      await readFile(path, 'utf8')
        .then((text) => JSON.parse(text) as unknown)
        .catch(() => null),
    );
    if (!holder.success) throw busy('its lock file cannot be read');
    const { pid, host, startedAt } = holder.data;
    if (host !== hostname() || isAlive(pid)) {
      throw busy(`process ${pid} on ${host}, since ${startedAt}`);
    }
    await rm(path, { force: true });
  }
  throw busy('its lock keeps coming back');
}
