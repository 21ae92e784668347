import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import { parseReleaseFile } from '../lib/apt/releaseFile';
import { removeUnkept } from './cleanup';
import { lstatOrNull, syncTree } from './durableFs';
import { checkRoot } from './planPublication';
import {
  acquirePublishLock,
  publicationDir,
  readPublicationInfo,
  switchDists,
} from './publicationStore';
import type { Checkpoint, PublishReport } from './publishTypes';
import { currentPublication, recoverLocked } from './recoverPublication';
import { suitesIn } from './servedSuite';
import { byHashCopies } from './suiteIndexes';
import { copyServedByHash } from './writeDists';

/**
 * Gives every suite of `toDists` the index files of the same suite in
 * `fromDists` under their by-hash names, when `fromDists` told its clients to
 * fetch by hash: a client that read the outgoing InRelease just before a
 * switch still finds what it asks for.
 */
async function carryByHash(fromDists: string, toDists: string): Promise<void> {
  for (const suite of await suitesIn(toDists)) {
    const to = join(toDists, suite);
    const from = join(fromDists, suite);
    if (!(await lstatOrNull(to))?.isDirectory() || !(await lstatOrNull(from))?.isDirectory()) {
      continue;
    }
    const releasePath = join(from, 'Release');
    if (!(await lstatOrNull(releasePath))?.isFile()) continue;
    let release;
    try {
      release = parseReleaseFile(await readFile(releasePath, 'utf8'));
    } catch {
      continue; // a suite Countersign cannot read was never fetched by hash through it
    }
    if (!release.acquireByHash) continue;
    await copyServedByHash(to, from, byHashCopies([], [...release.sha256.values()]));
  }
}

/**
 * Switches apt-prod back to the publication before the current one, in one
 * rename of the `dists` link. The publication rolled back from is kept until
 * the next run's recovery, so clients in the middle of an update still find
 * its files.
 */
export async function rollbackPublication(
  rootPath: string,
  options: { report?: PublishReport; checkpoint?: Checkpoint } = {},
): Promise<{ from: string; to: string }> {
  const root = await checkRoot(rootPath);
  const checkpoint = options.checkpoint ?? (() => {});
  const release = await acquirePublishLock(root);
  try {
    await recoverLocked(root);
    const current = await currentPublication(root);
    const previous = current?.previous ? await readPublicationInfo(root, current.previous) : null;
    if (!current || !previous) {
      throw new CountersignError(
        'NOTHING_TO_ROLL_BACK',
        current
          ? `apt-prod serves publication ${current.id} and keeps none before it.`
          : 'apt-prod serves no Countersign publication yet.',
        'Only the publication just before the current one is kept; publish a fixed release instead.',
      );
    }
    options.report?.phase('switch', { done: 0, total: 1, unit: 'steps' });
    const previousDists = join(publicationDir(root, previous.id), 'dists');
    await carryByHash(join(publicationDir(root, current.id), 'dists'), previousDists);
    await syncTree(previousDists);
    await checkpoint('rollback:prepared');
    await switchDists(root, previous.id, checkpoint);
    options.report?.phase('switch', { done: 1, total: 1, unit: 'steps' });
    options.report?.log(`apt-prod serves publication ${previous.id} again`);
    options.report?.phase('cleanup', { done: 0, total: 1, unit: 'steps' });
    await checkpoint('cleanup');
    const keep = new Set([
      previous.id,
      current.id,
      ...(previous.previous ? [previous.previous] : []),
    ]);
    await removeUnkept(root, keep);
    options.report?.phase('cleanup', { done: 1, total: 1, unit: 'steps' });
    return { from: current.id, to: previous.id };
  } finally {
    await release();
  }
}
