import { link, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import { hashFiles } from '../lib/hashing/hashPool';
import { sha256File } from '../lib/fs/sha256File';
import { quoted } from '../lib/apt/hostileText';
import { copyDurable, realDirBelow, syncDir } from './durableFs';
import { tempNameFor } from './prodPaths';
import type { Checkpoint, PackageToPublish } from './publishTypes';

export interface PoolWrite {
  pkg: PackageToPublish;
  poolPath: string;
}

function cancelledIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CountersignError('CANCELLED', 'The publication was cancelled.');
}

/**
 * Places a file at `dest` unless something is there already: link(2) fails
 * rather than replace, so a pool file is never overwritten even by a race. On
 * a file system without hard links, rename(2) after a last look.
 */
async function placeWithoutReplacing(temp: string, dest: string, sha256: string): Promise<void> {
  try {
    await link(temp, dest);
    await rm(temp, { force: true });
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      await rm(temp, { force: true });
      if ((await sha256File(dest)) !== sha256) {
        throw new CountersignError(
          'POOL_CONFLICT',
          `${quoted(dest)} appeared in apt-prod's pool with other bytes while publishing; it was left as it is.`,
          'Someone else writes to this pool. Find out who before publishing again.',
        );
      }
      return;
    }
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV')
      throw error;
  }
  await rename(temp, dest);
}

/**
 * Copies the given packages into apt-prod's pool. Each is copied to a temp
 * name beside its place and fsynced; all copies are hashed (on every core)
 * and must still be exactly the verified bytes; then each gets its name, and
 * its folder is fsynced. Nothing in dists refers to them yet, so until the
 * switch they are harmless. Temp files are removed on any failure.
 */
export async function writePoolFiles(
  root: string,
  writes: readonly PoolWrite[],
  options: {
    checkpoint: Checkpoint;
    signal?: AbortSignal;
    onPlaced?: (done: number, total: number) => void;
  },
): Promise<string[]> {
  const temps: string[] = [];
  const placed: string[] = [];
  try {
    for (const { pkg, poolPath } of writes) {
      cancelledIfAborted(options.signal);
      const dir = await realDirBelow(root, dirname(poolPath));
      const temp = join(dir, tempNameFor(basename(poolPath)));
      temps.push(temp);
      await copyDurable(pkg.file, temp);
    }
    const digests = await hashFiles(temps, options.signal ? { signal: options.signal } : {});
    writes.forEach(({ pkg }, index) => {
      const digest = digests[index];
      if (!digest || digest.sha256 !== pkg.sha256 || digest.size !== pkg.size) {
        throw new CountersignError(
          'LOCAL_TAMPERED',
          `${quoted(pkg.file)} is no longer the file that was verified (its SHA-256 changed); nothing was published.`,
          'Something changed the downloaded package after it was checked. Plan the promotion again.',
        );
      }
    });
    for (const [index, { pkg, poolPath }] of writes.entries()) {
      cancelledIfAborted(options.signal);
      const temp = temps[index] ?? '';
      await options.checkpoint(`pool:${poolPath}`);
      await placeWithoutReplacing(temp, join(root, poolPath), pkg.sha256);
      await syncDir(dirname(join(root, poolPath)));
      placed.push(poolPath);
      options.onPlaced?.(index + 1, writes.length);
    }
    return placed;
  } finally {
    await Promise.all(temps.map((temp) => rm(temp, { force: true })));
  }
}
