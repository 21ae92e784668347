import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { runTool } from '../../lib/apt/testing/aptRepositoryFactory';
import { parseReleaseFile } from '../../lib/apt/releaseFile';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every entry below `dir`: files by SHA-256, links by target, folders as "dir". */
export async function snapshotTree(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const tree = new Map<string, string>();
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    const key = relative(dir, path);
    if (entry.isSymbolicLink()) tree.set(key, `link:${await readlink(path)}`);
    else if (entry.isDirectory()) tree.set(key, 'dir');
    else tree.set(key, sha256(await readFile(path)));
  }
  return new Map([...tree.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * What apt relies on, checked with GnuPG's own gpgv and by hand: `dists` is a
 * relative link to one complete publication; InRelease and Release.gpg
 * verify with the release key; every file the Release lists has its size and
 * hash; every by-hash file is named by its own hash. Returns the publication.
 */
export async function checkServed(root: string, suite: string, keyring: string): Promise<string> {
  const target = await readlink(join(root, 'dists'));
  const match = /^\.countersign\/publications\/([^/]+)\/dists$/.exec(target);
  if (!match?.[1]) throw new Error(`dists links to ${target}`);
  await lstat(join(root, '.countersign/publications', match[1], 'publication.json'));
  const suiteDir = join(root, 'dists', suite);
  await runTool('gpgv', ['--keyring', keyring, join(suiteDir, 'InRelease')]);
  await runTool('gpgv', [
    '--keyring',
    keyring,
    join(suiteDir, 'Release.gpg'),
    join(suiteDir, 'Release'),
  ]);
  const release = parseReleaseFile(await readFile(join(suiteDir, 'Release'), 'utf8'));
  for (const entry of release.sha256.values()) {
    const bytes = await readFile(join(suiteDir, entry.path));
    if (bytes.length !== entry.size || sha256(bytes) !== entry.sha256) {
      throw new Error(`${entry.path} does not match the Release`);
    }
  }
  for (const [path, hash] of await snapshotTree(suiteDir)) {
    const byHash = /by-hash\/SHA256\/([0-9a-f]{64})$/.exec(path);
    if (byHash && byHash[1] !== hash) throw new Error(`${path} is not named by its hash`);
  }
  return match[1];
}

/** The Filename of every package the plain Packages files of a dists tree list. */
async function referencedPool(distsDir: string): Promise<Set<string>> {
  const referenced = new Set<string>();
  for (const [path] of await snapshotTree(distsDir)) {
    if (!path.endsWith('/Packages') || path.includes('by-hash')) continue;
    const text = await readFile(join(distsDir, path), 'utf8');
    for (const line of text.split('\n')) {
      if (line.startsWith('Filename: ')) referenced.add(line.slice('Filename: '.length));
    }
  }
  return referenced;
}

/**
 * What a finished run must not leave: temp files, the lock, the folder a
 * migration set aside, publications other than the current and the previous
 * one, pool files neither of them lists, empty pool folders.
 */
export async function leftovers(root: string): Promise<string[]> {
  const found: string[] = [];
  const tree = await snapshotTree(root);
  for (const path of tree.keys()) {
    const name = path.split('/').pop() ?? '';
    if (/\.tmp$/.test(name)) found.push(path);
  }
  for (const path of ['.countersign/publish.lock', '.countersign/dists-before-countersign']) {
    if (tree.has(path)) found.push(path);
  }
  const current =
    /publications\/([^/]+)\/dists$/.exec(await readlink(join(root, 'dists')))?.[1] ?? '';
  const info = JSON.parse(
    await readFile(join(root, '.countersign/publications', current, 'publication.json'), 'utf8'),
  ) as { previous: string | null };
  const kept = [current, ...(info.previous ? [info.previous] : [])];
  for (const name of await readdir(join(root, '.countersign/publications'))) {
    if (!kept.includes(name)) found.push(`.countersign/publications/${name}`);
  }
  const referenced = new Set<string>();
  for (const id of kept) {
    for (const path of await referencedPool(join(root, '.countersign/publications', id, 'dists'))) {
      referenced.add(path);
    }
  }
  const paths = [...tree.keys()];
  for (const [path, kind] of tree) {
    if (!path.startsWith('pool/')) continue;
    if (kind !== 'dir' && !referenced.has(path)) found.push(path);
    if (kind === 'dir' && !paths.some((other) => other.startsWith(`${path}/`)))
      found.push(`${path}/`);
  }
  return found;
}
