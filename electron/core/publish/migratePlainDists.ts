import { createHash } from 'node:crypto';
import { readFile, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { hostileLayout, lstatOrNull, realDirBelow, syncDir, syncTree } from './durableFs';
import {
  distsLinkTarget,
  MIGRATION_ASIDE,
  newPublicationId,
  PUBLICATIONS_DIR,
  STATE_DIR,
  tempNameFor,
} from './prodPaths';
import {
  publicationFolderNames,
  readPublicationInfo,
  switchDists,
  writePublicationInfo,
} from './publicationStore';
import type { Checkpoint, PublicationInfo } from './publishTypes';
import { copyServedEntry } from './writeDists';

async function releaseSha256Of(suiteDir: string): Promise<string | null> {
  for (const name of ['InRelease', 'Release']) {
    const path = join(suiteDir, name);
    if ((await lstatOrNull(path))?.isFile()) {
      return createHash('sha256')
        .update(await readFile(path))
        .digest('hex');
    }
  }
  return null;
}

/**
 * Turns a `dists/` folder from before Countersign into its first publication,
 * once. The folder is copied into `.countersign/publications/<id>/dists` and
 * recorded; then the folder is renamed aside and the link renamed into its
 * place. A folder cannot be replaced by a link in one rename(2), so between
 * those two renames (microseconds, nothing else runs between them) `dists` is
 * absent: a client updating at that instant gets "not found" for InRelease
 * and its next update works. It never sees a mix. A run killed in that window
 * is finished by recovery (see finishMigration).
 */
export async function migratePlainDists(
  root: string,
  suite: string,
  date: Date,
  checkpoint: Checkpoint,
): Promise<PublicationInfo> {
  const id = newPublicationId(date);
  const dir = await realDirBelow(root, `${PUBLICATIONS_DIR}/${id}`);
  const plain = join(root, 'dists');
  let info: PublicationInfo;
  try {
    await copyServedEntry(plain, join(dir, 'dists'), plain);
    info = {
      id,
      publishedAt: date.toISOString(),
      previous: null,
      tag: null,
      suite,
      releaseSha256: await releaseSha256Of(join(plain, suite)),
      added: [],
      poolAdded: [],
      migrated: true,
    };
    await writePublicationInfo(root, info);
    await syncTree(dir);
    await syncDir(join(root, PUBLICATIONS_DIR));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  await checkpoint('migrate:copied');

  const temp = join(root, tempNameFor('dists'));
  await symlink(distsLinkTarget(id), temp);
  await syncDir(root);
  await rename(plain, join(root, MIGRATION_ASIDE));
  await checkpoint('migrate:window');
  await rename(temp, plain);
  await syncDir(root);
  await syncDir(join(root, STATE_DIR));
  await checkpoint('migrate:switched');
  await rm(join(root, MIGRATION_ASIDE), { recursive: true, force: true });
  return info;
}

/**
 * Finishes a migration a crash interrupted: inside the window (`dists`
 * absent) the link to the recorded publication is put in place, or, if that
 * publication never completed, the old folder is moved back; after it, the
 * folder set aside is removed.
 */
export async function finishMigration(root: string): Promise<void> {
  const aside = join(root, MIGRATION_ASIDE);
  if (!(await lstatOrNull(aside))) return;
  const dists = await lstatOrNull(join(root, 'dists'));
  if (dists?.isSymbolicLink()) {
    await rm(aside, { recursive: true, force: true });
    return;
  }
  if (dists) {
    throw hostileLayout(
      `apt-prod has both a dists folder and ${MIGRATION_ASIDE}; Countersign cannot tell which one to serve.`,
    );
  }
  let migrated: PublicationInfo | null = null;
  for (const name of await publicationFolderNames(root)) {
    const info = await readPublicationInfo(root, name);
    if (info?.migrated && (!migrated || info.id > migrated.id)) migrated = info;
  }
  if (migrated) await switchDists(root, migrated.id, () => {});
  else {
    await rename(aside, join(root, 'dists'));
    await syncDir(root);
  }
  await rm(aside, { recursive: true, force: true });
}
