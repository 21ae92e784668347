import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import { writeFileAtomic } from '../lib/fs/atomicWrite';
import { removeUnkept } from './cleanup';
import { realDirBelow, syncDir, syncTree } from './durableFs';
import { migratePlainDists } from './migratePlainDists';
import { checkRoot, preparePublication, type PreparedPublication } from './planPublication';
import { writePoolFiles } from './poolWriter';
import { checkLayout, checkPackage, newPublicationId, PUBLICATIONS_DIR } from './prodPaths';
import {
  acquirePublishLock,
  readDistsState,
  switchDists,
  writePoolJournal,
  writePublicationInfo,
} from './publicationStore';
import type {
  PackageToPublish,
  ProdLayout,
  PublicationInfo,
  PublicationResult,
  PublishOptions,
} from './publishTypes';
import { recoverLocked } from './recoverPublication';
import { signRelease } from './releaseSignatures';
import { copyServedEntry, writeSuiteFiles } from './writeDists';

function cancelledIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CountersignError('CANCELLED', 'The publication was cancelled.');
}

/** One refusal error for all of a plan's refusals: a publication is all or nothing. */
function refusedError(prepared: PreparedPublication): CountersignError {
  const [first, ...rest] = prepared.plan.refusals;
  const lines = prepared.plan.refusals.map((refusal) => refusal.message);
  return new CountersignError(
    first?.code ?? 'INVALID_PUBLICATION',
    rest.length === 0 ? (first?.message ?? '') : `Nothing was published: ${lines.join(' ')}`,
    'apt-prod was not changed. Leave these packages out, or publish them under new versions.',
  );
}

/**
 * Builds, signs and switches to a new publication, with the lock held and
 * apt-prod already recovered. Every write goes through `checkpoint`; until
 * the switch nothing apt reads has changed, and a failure or cancel undoes
 * what was written (recovery removes the unfinished publication and the pool
 * files only it wrote).
 */
async function publishLocked(
  root: string,
  layout: ProdLayout,
  add: readonly PackageToPublish[],
  options: PublishOptions,
): Promise<PublicationResult> {
  const checkpoint = options.checkpoint ?? (() => {});
  const report = options.report;
  const signal = options.signal;
  if ((await readDistsState(root)).kind === 'plain') {
    report?.log('Moving the existing dists/ into Countersign’s first publication of apt-prod');
    await migratePlainDists(root, layout.suite, options.date, checkpoint);
  }
  const prepared = await preparePublication(root, layout, add, options);
  if (prepared.plan.refusals.length > 0) throw refusedError(prepared);
  const { current } = prepared;
  const changed = prepared.plan.changes.filter((change) => change.action !== 'unchanged');
  const { removed } = prepared.plan;
  if (current && changed.length === 0 && removed.length === 0 && !options.republish) {
    report?.log(`apt-prod already serves every package; it stays on publication ${current.id}`);
    return {
      publicationId: current.id,
      previousId: current.previous,
      releaseSha256: current.releaseSha256 ?? '',
      changes: prepared.plan.changes,
      removed,
      poolAdded: [],
    };
  }
  cancelledIfAborted(signal);
  for (const pkg of removed) {
    report?.log(`Withdrawing ${pkg.package} ${pkg.version} (${pkg.architecture}) from apt-prod`);
  }

  const id = newPublicationId(options.date);
  const dir = await realDirBelow(root, `${PUBLICATIONS_DIR}/${id}`);
  let switched = false;
  try {
    await writePoolJournal(
      root,
      id,
      prepared.toPool.map((write) => write.poolPath),
    );
    report?.phase('pool', { done: 0, total: prepared.toPool.length, unit: 'files' });
    const poolAdded = await writePoolFiles(root, prepared.toPool, {
      checkpoint,
      ...(signal ? { signal } : {}),
      onPlaced: (done, total) => report?.phase('pool', { done, total, unit: 'files' }),
    });
    cancelledIfAborted(signal);

    const dists = join(dir, 'dists');
    await mkdir(dists);
    for (const suite of prepared.otherSuites) {
      if (!prepared.servedDir) break;
      await copyServedEntry(
        join(prepared.servedDir, suite),
        join(dists, suite),
        prepared.servedDir,
      );
    }
    const suiteDir = join(dists, layout.suite);
    await mkdir(suiteDir);
    await writeSuiteFiles(
      {
        suiteDir,
        servedSuiteDir: prepared.servedDir ? join(prepared.servedDir, layout.suite) : null,
        indexFiles: prepared.indexFiles,
        byHash: prepared.byHash,
        releaseText: prepared.releaseText,
      },
      (done, total) => report?.phase('indexes', { done, total, unit: 'files' }),
    );
    await syncTree(dists);
    await checkpoint('dists:written');
    cancelledIfAborted(signal);

    report?.phase('sign', { done: 0, total: 1, unit: 'steps' });
    const signed = await signRelease(options.sign, prepared.releaseText, options.releaseKeys);
    cancelledIfAborted(signal);
    await writeFileAtomic(join(suiteDir, 'InRelease'), signed.inRelease);
    await writeFileAtomic(join(suiteDir, 'Release.gpg'), signed.releaseGpg);
    const info: PublicationInfo = {
      id,
      publishedAt: options.date.toISOString(),
      previous: current?.id ?? null,
      tag: options.tag ?? null,
      suite: layout.suite,
      releaseSha256: createHash('sha256').update(signed.inRelease, 'utf8').digest('hex'),
      added: changed,
      ...(removed.length > 0 ? { removed } : {}),
      poolAdded,
      migrated: false,
    };
    await writePublicationInfo(root, info);
    await syncTree(dir);
    await syncDir(join(root, PUBLICATIONS_DIR));
    report?.phase('sign', { done: 1, total: 1, unit: 'steps' });
    await checkpoint('dists:signed');
    cancelledIfAborted(signal);

    // From here on the publication goes live; a cancel no longer applies.
    report?.phase('switch', { done: 0, total: 1, unit: 'steps' });
    await switchDists(root, id, checkpoint);
    switched = true;
    report?.phase('switch', { done: 1, total: 1, unit: 'steps' });
    report?.log(`apt-prod now serves publication ${id}`);

    report?.phase('cleanup', { done: 0, total: 1, unit: 'steps' });
    await checkpoint('cleanup');
    const keep = new Set([id, ...(current ? [current.id] : [])]);
    for (const path of await removeUnkept(root, keep)) report?.log(`Removed ${path}`);
    report?.phase('cleanup', { done: 1, total: 1, unit: 'steps' });
    return {
      publicationId: id,
      previousId: info.previous,
      releaseSha256: info.releaseSha256 ?? '',
      changes: prepared.plan.changes,
      removed,
      poolAdded,
    };
  } catch (error) {
    if (!switched) {
      // Nothing apt reads has changed: take back what this run wrote.
      await recoverLocked(root).catch(() => {});
    }
    throw error;
  }
}

/**
 * Publishes `add` to apt-prod: the packages join (or replace older versions
 * of) what it serves, and those `options.remove` names leave it, in a new
 * signed publication that `dists` is switched to in one rename. First recovers what a crashed run left, and moves a dists/
 * folder from before Countersign into a publication once. Refuses the whole
 * publication when any package is refused (see planPublication).
 */
export async function publish(
  rootPath: string,
  layout: ProdLayout,
  add: readonly PackageToPublish[],
  options: PublishOptions,
): Promise<PublicationResult> {
  checkLayout(layout);
  for (const pkg of add) checkPackage(pkg);
  const root = await checkRoot(rootPath);
  cancelledIfAborted(options.signal);
  const release = await acquirePublishLock(root);
  try {
    await recoverLocked(root);
    return await publishLocked(root, layout, add, options);
  } finally {
    await release();
  }
}
