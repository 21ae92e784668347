import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ArtifactCopy } from '../../../../shared/compare';
import { CountersignError } from '../../../../shared/errors';
import { buildInfoSchema, type BuildInfo } from '../../../../shared/rebuild';
import { readJsonFile } from '../../lib/fs/readJsonFile';
import { readDebControl } from '../../lib/deb/readDebControl';
import { hashFiles } from '../../lib/hashing/hashPool';
import { looksLikeDeb, type ListOptions, type SourceListing } from './sourceListing';

/** A Countersign rebuild folder names its artifacts in buildinfo.json; anything else is not ours. */
function readBuildInfo(dir: string): Promise<BuildInfo | null> {
  return readJsonFile(join(dir, 'buildinfo.json'), buildInfoSchema);
}

/** Every regular file under `dir`; links are not followed and are listed as skipped. */
async function walk(
  dir: string,
): Promise<{ files: string[]; skipped: { path: string; reason: string }[] }> {
  const files: string[] = [];
  const skipped: { path: string; reason: string }[] = [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    const full = join(entry.parentPath, entry.name);
    const path = relative(dir, full).split(sep).join('/');
    if (entry.isFile()) files.push(full);
    else if (entry.isSymbolicLink()) skipped.push({ path, reason: 'symbolic link, not followed' });
    else if (!entry.isDirectory()) skipped.push({ path, reason: 'not a regular file' });
  }
  return { files: files.sort(), skipped };
}

/** The package identity of a .deb, or null when it is not a readable package. */
export async function debIdentityOf(file: string): Promise<ArtifactCopy['deb']> {
  if (!looksLikeDeb(file)) return null;
  return readDebControl(file)
    .then((control) => control.identity)
    .catch(() => null);
}

/**
 * Lists and hashes a folder's artifacts on all cores. A Countersign rebuild
 * folder contributes only the artifacts its buildinfo.json names, and each must
 * still have the hash recorded when it was built.
 */
export async function listFolder(dir: string, options: ListOptions): Promise<SourceListing> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) {
    throw new CountersignError(
      'SOURCE_UNREADABLE',
      `${JSON.stringify(dir)} is not a folder Countersign can read.`,
      'Give a folder, an archive (.zip, .tar, .tar.gz, .tar.xz) or apt:REPOSITORY.',
    );
  }
  const buildInfo = await readBuildInfo(dir);
  // A rebuild keeps its artifacts in artifacts/, beside its log and buildinfo.json.
  const root = buildInfo ? join(dir, 'artifacts') : dir;
  const { files, skipped } = buildInfo
    ? { files: buildInfo.artifacts.map((artifact) => join(root, artifact.name)), skipped: [] }
    : await walk(dir);
  const sizes = await Promise.all(
    files.map((file) =>
      stat(file).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  options.progress.addTotal(sizes.reduce((sum, size) => sum + size, 0));
  const digests = await hashFiles(files, {
    onBytes: (bytes) => options.progress.add(bytes),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const copies: ArtifactCopy[] = [];
  for (const digest of digests) {
    const path = relative(root, digest.path).split(sep).join('/');
    const recorded = buildInfo?.artifacts.find((artifact) => artifact.name === path);
    if (recorded && recorded.sha256 !== digest.sha256) {
      throw new CountersignError(
        'LOCAL_TAMPERED',
        `The rebuilt ${JSON.stringify(path)} no longer has the hash recorded when it was built.`,
        `It was changed after the rebuild. Rebuild the release again before comparing (recorded ${recorded.sha256}, now ${digest.sha256}).`,
      );
    }
    copies.push({
      path,
      size: digest.size,
      sha256: digest.sha256,
      deb: await debIdentityOf(digest.path),
    });
  }
  return { source: { kind: 'folder', location: dir, repository: null, skipped }, copies };
}
