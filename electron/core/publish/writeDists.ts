import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, readlink, symlink } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { writeFileAtomic } from '../lib/fs/atomicWrite';
import { copyDurable, hostileLayout, lstatOrNull } from './durableFs';
import { tampered } from './releaseSignatures';
import type { ByHashCopy, IndexFile } from './suiteIndexes';

/**
 * Copies a served entry of dists (a suite, or anything below one) into a new
 * publication as it is: folders, regular files (fsynced) and relative links
 * that stay inside the dists folder (the `stable -> bookworm` kind). Any other
 * link or special file is refused: it would make apt-prod serve, or
 * Countersign read, something outside it.
 */
export async function copyServedEntry(from: string, to: string, distsRoot: string): Promise<void> {
  const stats = await lstat(from);
  if (stats.isDirectory()) {
    await mkdir(to);
    for (const name of await readdir(from)) {
      await copyServedEntry(join(from, name), join(to, name), distsRoot);
    }
  } else if (stats.isFile()) {
    await copyDurable(from, to);
  } else if (stats.isSymbolicLink()) {
    const link = await readlink(from);
    const resolved = normalize(join(dirname(from), link));
    if (link.startsWith('/') || !resolved.startsWith(distsRoot + sep)) {
      throw hostileLayout(`${from} links to ${JSON.stringify(link.slice(0, 200))}, outside dists.`);
    }
    await symlink(link, to);
  } else {
    throw hostileLayout(`${from} is not a file, a folder or a link.`);
  }
}

/**
 * Copies a served suite's files into another suite folder under their by-hash
 * names, each checked against its hash first. Existing by-hash files are left
 * as they are (same name, same hash, same bytes).
 */
export async function copyServedByHash(
  suiteDir: string,
  servedSuiteDir: string,
  copies: readonly ByHashCopy[],
  onFile: () => void = () => {},
): Promise<void> {
  for (const copy of copies) {
    const source = join(servedSuiteDir, copy.of);
    const target = join(suiteDir, copy.path);
    if (!(await lstatOrNull(source))?.isFile() || (await lstatOrNull(target))) continue;
    const bytes = await readFile(source);
    if (createHash('sha256').update(bytes).digest('hex') !== copy.sha256) {
      throw tampered(`The served ${copy.of} does not match its hash in the served Release.`);
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFileAtomic(target, bytes);
    onFile();
  }
}

/** What goes into the suite Countersign publishes to. */
export interface SuiteFiles {
  suiteDir: string;
  /** The served suite's folder, where its by-hash copies are read from; null when new. */
  servedSuiteDir: string | null;
  indexFiles: readonly IndexFile[];
  byHash: readonly ByHashCopy[];
  releaseText: string;
}

/**
 * Writes the suite's index files, their by-hash copies (the new ones and the
 * served publication's) and Release. Signing comes after.
 */
export async function writeSuiteFiles(
  suite: SuiteFiles,
  onFile: (done: number, total: number) => void,
): Promise<void> {
  const fresh = new Map(suite.indexFiles.map((file) => [file.path, file]));
  const total = suite.indexFiles.length + suite.byHash.length + 1;
  let done = 0;
  const step = () => onFile((done += 1), total);
  onFile(0, total);
  const write = async (path: string, bytes: Buffer | string) => {
    await mkdir(dirname(join(suite.suiteDir, path)), { recursive: true });
    await writeFileAtomic(join(suite.suiteDir, path), bytes);
    step();
  };
  for (const file of suite.indexFiles) await write(file.path, file.bytes);
  for (const copy of suite.byHash) {
    const file = copy.from === 'new' ? fresh.get(copy.of) : undefined;
    if (file) await write(copy.path, file.bytes);
  }
  if (suite.servedSuiteDir) {
    const served = suite.byHash.filter((copy) => copy.from === 'served');
    await copyServedByHash(suite.suiteDir, suite.servedSuiteDir, served, step);
  }
  await write('Release', suite.releaseText);
}
