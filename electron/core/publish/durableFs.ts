import type { Stats } from 'node:fs';
import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, open, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import { quoted } from '../lib/apt/hostileText';

/** lstat, or null when nothing is there. */
export async function lstatOrNull(path: string): Promise<Stats | null> {
  try {
    return await lstat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

/** Makes a rename, a new entry or a removal in `dir` survive a power cut. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsyncs every folder below `dir` (deepest first) and `dir` itself: their entries are then on disk. */
export async function syncTree(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.isDirectory()) await syncTree(join(dir, entry.name));
  }
  await syncDir(dir);
}

/** Copies a file to a new name (never over one) and fsyncs the copy. */
export async function copyDurable(from: string, to: string): Promise<void> {
  await copyFile(from, to, constants.COPYFILE_EXCL);
  const handle = await open(to, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function hostileLayout(message: string): CountersignError {
  return new CountersignError(
    'APT_PROD_INVALID',
    message,
    'apt-prod holds something Countersign did not put there. Inspect it by hand before publishing again; Countersign never writes through links.',
  );
}

/**
 * Makes sure `relative` (slash-separated) is a chain of real folders below
 * `root`, creating what is missing. A link or a file anywhere on the way is
 * refused, so nothing is ever written outside apt-prod through a planted link.
 * Each folder it creates is fsynced into its parent.
 */
export async function realDirBelow(root: string, relative: string): Promise<string> {
  let path = root;
  for (const segment of relative.split('/')) {
    path = join(path, segment);
    const stats = await lstatOrNull(path);
    if (stats === null) {
      await mkdir(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      const made = await lstat(path);
      if (!made.isDirectory()) throw hostileLayout(`${quoted(path)} is not a folder.`);
      // The new folder's entry must reach the disk before anything in it is relied on.
      await syncDir(dirname(path));
    } else if (!stats.isDirectory()) {
      throw hostileLayout(
        `${quoted(path)} is ${stats.isSymbolicLink() ? 'a link' : 'not a folder'}; Countersign expected a folder there.`,
      );
    }
  }
  return path;
}

/**
 * Whether `relative` below `root` is a chain of real folders: false when one
 * is missing; a link or a file on the way is refused. Creates nothing.
 */
export async function folderChainExists(root: string, relative: string): Promise<boolean> {
  let path = root;
  for (const segment of relative.split('/')) {
    path = join(path, segment);
    const stats = await lstatOrNull(path);
    if (!stats) return false;
    if (!stats.isDirectory()) throw hostileLayout(`${quoted(path)} is not a folder (a link?).`);
  }
  return true;
}

/** Whether `relative` below `root` is a chain of real folders (nothing created, nothing refused). */
export function isRealDirBelow(root: string, relative: string): Promise<boolean> {
  return folderChainExists(root, relative).catch(() => false);
}
