import { removeUnkept } from './cleanup';
import { hostileLayout } from './durableFs';
import { finishMigration } from './migratePlainDists';
import { checkRoot } from './planPublication';
import { acquirePublishLock, readDistsState, readPublicationInfo } from './publicationStore';
import type { PublicationHistory, PublicationInfo } from './publishTypes';

/** The publication `dists` points at, with its record; null when it points at none. */
export async function currentPublication(root: string): Promise<PublicationInfo | null> {
  const dists = await readDistsState(root);
  if (dists.kind !== 'publication') return null;
  const info = await readPublicationInfo(root, dists.id);
  if (!info)
    throw hostileLayout(`apt-prod's dists links to publication ${dists.id}, which is incomplete.`);
  return info;
}

/**
 * With the lock held: finishes an interrupted migration, then keeps the
 * served publication and the one before it and removes everything else a run
 * left (unfinished publications, the pool files only they wrote, temp files).
 */
export async function recoverLocked(root: string): Promise<string[]> {
  await finishMigration(root);
  const current = await currentPublication(root);
  const keep = new Set<string>();
  if (current) {
    keep.add(current.id);
    if (current.previous && (await readPublicationInfo(root, current.previous))) {
      keep.add(current.previous);
    }
  }
  return removeUnkept(root, keep);
}

/**
 * Cleans what a crashed or cancelled run left in apt-prod, without changing
 * what it serves. publish and rollbackPublication call it first.
 */
export async function recoverPublication(rootPath: string): Promise<{ removed: string[] }> {
  const root = await checkRoot(rootPath);
  const release = await acquirePublishLock(root);
  try {
    return { removed: await recoverLocked(root) };
  } finally {
    await release();
  }
}

/**
 * What apt-prod serves, what a rollback would return to, and the kept
 * publications it served before, newest first (following each one's
 * `previous`). A publication that never became current is not history.
 */
export async function readPublications(rootPath: string): Promise<PublicationHistory> {
  const root = await checkRoot(rootPath);
  const current = await currentPublication(root);
  const history: PublicationInfo[] = [];
  for (let info = current; info && !history.some((seen) => seen.id === info?.id);) {
    history.push(info);
    info = info.previous ? await readPublicationInfo(root, info.previous) : null;
  }
  return { current, previous: history[1] ?? null, history };
}
