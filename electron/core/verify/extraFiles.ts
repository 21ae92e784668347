import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReleaseFile } from '../lib/apt/releaseFile';
import { byHashPath } from './checkSuiteIndexes';

/** The folders apt reads; `.countersign/` and `releases/` beside them are Countersign's own. */
const SERVED = ['pool', 'dists'] as const;

/** Every file below dir, each directory's entries read at once: a deep pool has thousands. */
async function walk(dir: string, prefix: string, top: boolean, into: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  await Promise.all(
    entries.map(async (entry) => {
      const path = `${prefix}/${entry.name}`;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(full, path, false, into);
      } else if (entry.isSymbolicLink()) {
        // dists/stable -> bookworm: another name for a suite, not a file.
        const isFolder = await stat(full).then(
          (info) => info.isDirectory(),
          () => false,
        );
        if (!(top && prefix === 'dists' && isFolder)) into.push(path);
      } else {
        into.push(path);
      }
    }),
  );
}

/**
 * Every file under pool/ and dists/ of a repository folder, relative to its
 * root. dists/ itself may be a link (apt-prod's points at the current
 * publication) and is followed; links inside are listed, not followed.
 */
export async function listServedFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  for (const top of SERVED) await walk(join(root, top), top, true, files);
  return files.sort();
}

/** What a suite's Release makes part of the repository, relative to the root. */
export function releaseFilesOf(suite: string, release: ReleaseFile | null): string[] {
  const dir = `dists/${suite}`;
  const files = ['InRelease', 'Release', 'Release.gpg'].map((name) => `${dir}/${name}`);
  for (const entry of release?.sha256.values() ?? []) {
    files.push(`${dir}/${entry.path}`);
    if (release?.acquireByHash) files.push(`${dir}/${byHashPath(entry)}`);
  }
  return files;
}

/** The files nothing references: left over, or put there by someone else. */
export function unreferencedFiles(
  files: readonly string[],
  referenced: Iterable<string>,
): string[] {
  const known = new Set(referenced);
  return files.filter((file) => !known.has(file));
}
