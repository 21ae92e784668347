import { readdir, readFile, rm, rmdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { compressionOf, decompressIndex } from '../lib/apt/decompressIndex';
import { safeRelativePath } from '../lib/apt/repositoryPath';
import { isRealDirBelow, lstatOrNull, syncDir } from './durableFs';
import { isPublicationId, isTempName, PUBLICATIONS_DIR } from './prodPaths';
import {
  publicationDir,
  publicationFolderNames,
  readPoolJournal,
  readPublicationInfo,
} from './publicationStore';

const INDEX_NAMES = ['Packages', 'Packages.gz', 'Packages.xz'];
const MAX_UNPACKED_BYTES = 1024 * 1024 * 1024;

/** The Filename of every stanza of a Packages text: all cleanup needs to know. */
export function filenamesInIndex(text: string): string[] {
  return [...text.matchAll(/^Filename:[ \t]*(\S+)[ \t]*$/gm)].map((match) => match[1] ?? '');
}

async function unpackedText(path: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  const bytes = await readFile(path);
  for await (const chunk of decompressIndex(bytes, compressionOf(path), MAX_UNPACKED_BYTES, path)) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Every pool file a dists tree refers to, across all its suites: from one
 * Packages file per index folder (plain, else .gz, else .xz), by-hash copies
 * left out. Links inside dists are not followed.
 */
export async function poolFilesReferencedBy(distsDir: string): Promise<Set<string>> {
  const referenced = new Set<string>();
  const visit = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    const names = new Set(entries.filter((entry) => entry.isFile()).map((entry) => entry.name));
    const index = INDEX_NAMES.find((name) => names.has(name));
    if (index) {
      for (const filename of filenamesInIndex(await unpackedText(join(dir, index)))) {
        referenced.add(filename);
      }
    }
    for (const entry of entries) {
      if (entry.isDirectory() && entry.name !== 'by-hash') await visit(join(dir, entry.name));
    }
  };
  if ((await lstatOrNull(distsDir))?.isDirectory()) await visit(distsDir);
  return referenced;
}

/**
 * Removes a pool file (only a regular file reached through real folders),
 * then the folders up to pool/ that are left empty (also when the file was
 * never placed). Returns whether a file was removed.
 */
async function removePoolFile(root: string, poolPath: string): Promise<boolean> {
  try {
    safeRelativePath(poolPath, 'A pool file');
  } catch {
    return false;
  }
  if (!poolPath.startsWith('pool/') || !(await isRealDirBelow(root, dirname(poolPath))))
    return false;
  const path = join(root, poolPath);
  const isFile = (await lstatOrNull(path))?.isFile() ?? false;
  if (isFile) await unlink(path);
  let dir = dirname(poolPath);
  while (dir !== 'pool' && dir !== '.') {
    const removed = await rmdir(join(root, dir)).then(
      () => true,
      () => false,
    );
    if (!removed) break;
    dir = dirname(dir);
  }
  await syncDir(join(root, dir));
  return isFile;
}

/** Temp files a killed run left below `relative`: only names of the temp patterns. */
async function tempFilesBelow(root: string, relative: string): Promise<string[]> {
  if (!(await isRealDirBelow(root, relative))) return [];
  const found: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) await visit(path);
      else if (entry.isFile() && isTempName(entry.name)) found.push(path);
    }
  };
  await visit(relative);
  return found;
}

/**
 * The pool files the kept publications (and a dists folder from before
 * Countersign) refer to; null when one of them cannot be read, which then
 * protects the whole pool.
 */
async function referencedByAll(
  root: string,
  keep: ReadonlySet<string>,
): Promise<Set<string> | null> {
  const referenced = new Set<string>();
  const trees = [...keep].map((id) => join(publicationDir(root, id), 'dists'));
  if ((await lstatOrNull(join(root, 'dists')))?.isDirectory()) trees.push(join(root, 'dists'));
  try {
    for (const tree of trees) {
      for (const path of await poolFilesReferencedBy(tree)) referenced.add(path);
    }
  } catch {
    return null;
  }
  return referenced;
}

/**
 * Removes every publication not in `keep`, then the pool files that only
 * they referred to (or that a run which never finished had journaled), then
 * temp files. Pool files no publication ever listed (put there by hand) are
 * never candidates. Returns what was removed, relative to the root.
 */
export async function removeUnkept(root: string, keep: ReadonlySet<string>): Promise<string[]> {
  const removed: string[] = [];
  const names = await publicationFolderNames(root);
  const doomed = names.filter(
    (name) => !keep.has(name) && (isPublicationId(name) || isTempName(name)),
  );
  const candidates = new Set<string>();
  for (const id of doomed) {
    if (!isPublicationId(id)) continue;
    for (const path of await readPoolJournal(root, id)) candidates.add(path);
    const info = await readPublicationInfo(root, id);
    for (const path of info?.poolAdded ?? []) candidates.add(path);
    const refs = await poolFilesReferencedBy(join(publicationDir(root, id), 'dists')).catch(
      () => new Set<string>(),
    );
    for (const path of refs) candidates.add(path);
  }
  const stillReferenced = candidates.size > 0 ? await referencedByAll(root, keep) : null;
  for (const path of [...candidates].sort()) {
    if (stillReferenced && !stillReferenced.has(path) && (await removePoolFile(root, path))) {
      removed.push(path);
    }
  }
  // In the pool, and in kept publications (a rollback adds by-hash files to one).
  const tempRoots = ['pool', ...[...keep].map((id) => `${PUBLICATIONS_DIR}/${id}`)];
  for (const relative of tempRoots) {
    for (const path of await tempFilesBelow(root, relative)) {
      await rm(join(root, path), { force: true });
      removed.push(path);
    }
  }
  for (const name of doomed) {
    await rm(join(root, PUBLICATIONS_DIR, name), { recursive: true, force: true });
    removed.push(`${PUBLICATIONS_DIR}/${name}`);
  }
  if (doomed.length > 0) await syncDir(join(root, PUBLICATIONS_DIR));
  for (const name of await readdir(root)) {
    if (isTempName(name) && name.startsWith('.dists.')) {
      await rm(join(root, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}
