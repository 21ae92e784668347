import { randomBytes, createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ArtifactComparison, CompareResult } from '../../../../shared/compare';
import { CountersignError } from '../../../../shared/errors';
import { readArchive } from '../archive/readArchive';
import { sha256File } from '../fs/sha256File';

/** Both copies of a differing artifact as files on disk, for diffoscope. */
export interface ArtifactFiles {
  ci: string;
  local: string;
}

async function verified(path: string, sha256: string, what: string): Promise<string> {
  const actual = await sha256File(path).catch(() => null);
  if (actual !== sha256) {
    throw new CountersignError(
      'LOCAL_TAMPERED',
      `${what} is no longer the file that was compared (${actual === null ? 'it is gone' : 'its hash changed'}).`,
      'Run the comparison (step 3) again before reviewing.',
    );
  }
  return path;
}

/**
 * Copies one entry of a CI archive into the review folder under its hash (a
 * name we choose, never the archive's), keeping it only if the hash matches.
 */
async function materialise(archive: string, entryPath: string, sha256: string, dir: string) {
  const target = join(dir, sha256);
  if (await stat(target).catch(() => null)) return target;
  await mkdir(dir, { recursive: true });
  const partial = `${target}.${randomBytes(4).toString('hex')}.partial`;
  let found = false;
  try {
    await readArchive(archive, async (entry) => {
      if (entry.path !== entryPath) {
        entry.stream.resume();
        await new Promise((resolve) => entry.stream.once('end', resolve));
        return;
      }
      found = true;
      const hash = createHash('sha256');
      entry.stream.on('data', (chunk: Buffer) => hash.update(chunk));
      await pipeline(entry.stream, createWriteStream(partial));
      if (hash.digest('hex') !== sha256) {
        throw new CountersignError(
          'LOCAL_TAMPERED',
          `${JSON.stringify(entryPath)} in the CI archive changed since it was compared.`,
          'Run the comparison (step 3) again before reviewing.',
        );
      }
    });
    if (!found) {
      throw new CountersignError(
        'ARTIFACT_NOT_FOUND',
        `${JSON.stringify(entryPath)} is no longer in the CI archive.`,
        'Run the comparison (step 3) again.',
      );
    }
    await rename(partial, target);
    return target;
  } finally {
    await rm(partial, { force: true });
  }
}

/** Both copies as a review bundle carries them (`packages/<sha256>`), checked; null when it does not. */
async function bundledPackages(
  reviewDir: string,
  ciSha256: string,
  localSha256: string,
): Promise<ArtifactFiles | null> {
  const ci = join(reviewDir, 'packages', ciSha256);
  const local = join(reviewDir, 'packages', localSha256);
  if (!(await stat(ci).catch(() => null)) || !(await stat(local).catch(() => null))) return null;
  return {
    ci: await verified(ci, ciSha256, 'CI\u2019s package in the bundle'),
    local: await verified(local, localSha256, 'The rebuilt package in the bundle'),
  };
}

/**
 * Where the two copies of a compared artifact are: the local one in the
 * rebuild, CI's in its folder, in the packages fetched from apt-test, or
 * taken out of its archive. Each is checked against the hash the comparison
 * recorded, so the review is of exactly what was compared.
 */
export async function artifactFiles(
  reviewDir: string,
  comparison: CompareResult,
  row: ArtifactComparison,
): Promise<ArtifactFiles> {
  if (!row.ci || !row.local) {
    throw new CountersignError(
      'ARTIFACT_NOT_FOUND',
      `${JSON.stringify(row.name)} exists only ${row.ci ? 'in CI' : 'in the rebuild'}, so there is no pair to review.`,
      row.ci
        ? 'Nothing built it from the tagged source: it cannot be approved, and is never promoted.'
        : 'CI did not publish it; nothing of it would be promoted.',
    );
  }
  // An opened review bundle exported with its packages keeps both under packages/<sha256>.
  const carried = await bundledPackages(reviewDir, row.ci.sha256, row.local.sha256);
  if (carried) return carried;
  // A rebuild folder keeps its artifacts in artifacts/, beside buildinfo.json.
  const localRoot = (await stat(join(comparison.local.location, 'buildinfo.json')).catch(
    () => null,
  ))
    ? join(comparison.local.location, 'artifacts')
    : comparison.local.location;
  const local = await verified(
    join(localRoot, row.local.path),
    row.local.sha256,
    `The rebuilt ${JSON.stringify(row.name)}`,
  );
  const ciSource = comparison.ci;
  let ci: string;
  if (ciSource.kind === 'apt') {
    ci = join(reviewDir, 'ci-packages', `${row.ci.sha256}.deb`);
  } else if (ciSource.kind === 'folder') {
    ci = join(ciSource.location, row.ci.path);
  } else {
    ci = await materialise(
      ciSource.location,
      row.ci.path,
      row.ci.sha256,
      join(reviewDir, 'ci-files'),
    );
  }
  return { ci: await verified(ci, row.ci.sha256, `CI's ${JSON.stringify(row.name)}`), local };
}
