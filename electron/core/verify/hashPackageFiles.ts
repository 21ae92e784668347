import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { safeRelativePath } from '../lib/apt/repositoryPath';
import { openRepositoryLocation } from '../lib/apt/repositoryLocation';
import { hashFiles } from '../lib/hashing/hashPool';

/** What a package file turned out to be; null when it is not there. */
export type FoundFile = { size: number; sha256: string } | null;

const isUrl = (root: string) => /^https?:\/\//i.test(root);

async function hashOverHttp(
  root: string,
  filename: string,
  signal: AbortSignal | undefined,
): Promise<FoundFile> {
  const location = openRepositoryLocation(root);
  const range = await location.openRange(safeRelativePath(filename, 'A Packages index'), 0, signal);
  if (!range) return null;
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of range.body) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest('hex') };
}

async function hashInFolder(
  root: string,
  filenames: string[],
  signal: AbortSignal | undefined,
): Promise<Map<string, FoundFile>> {
  const found = new Map<string, FoundFile>();
  const base = resolve(root);
  const paths = filenames.map((filename) =>
    join(base, ...safeRelativePath(filename, 'A Packages index')),
  );
  // All at once: one awaited stat after another costs a thread-pool round trip each.
  const isFile = await Promise.all(
    paths.map((path) =>
      stat(path).then(
        (info) => info.isFile(),
        // Missing (or unreadable): reported as missing below.
        () => false,
      ),
    ),
  );
  const present = filenames.flatMap((filename, index) => {
    if (isFile[index]) return [{ filename, path: paths[index] ?? '' }];
    found.set(filename, null);
    return [];
  });
  const digests = await hashFiles(
    present.map(({ path }) => path),
    signal ? { signal } : {},
  );
  present.forEach(({ filename }, index) => {
    const digest = digests[index];
    found.set(filename, digest ? { size: digest.size, sha256: digest.sha256 } : null);
  });
  return found;
}

/**
 * The size and SHA-256 of each package file as the repository serves it: on
 * all cores for a folder, streamed one at a time over HTTP (never kept).
 */
export async function hashPackageFiles(
  root: string,
  filenames: string[],
  signal?: AbortSignal,
): Promise<Map<string, FoundFile>> {
  const unique = [...new Set(filenames)];
  if (!isUrl(root)) return hashInFolder(root, unique, signal);
  const found = new Map<string, FoundFile>();
  for (const filename of unique) found.set(filename, await hashOverHttp(root, filename, signal));
  return found;
}
