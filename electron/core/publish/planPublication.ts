import { realpath, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import { hashFiles } from '../lib/hashing/hashPool';
import { quoted } from '../lib/apt/hostileText';
import { releaseText } from '../lib/apt/writeIndexes';
import { folderChainExists, hostileLayout, lstatOrNull } from './durableFs';
import { decideChanges, type PoolState } from './planChanges';
import { decideRemovals } from './planRemovals';
import { checkLayout, checkPackage, MIGRATION_ASIDE, poolPathOf } from './prodPaths';
import { readDistsState, readPublicationInfo, type DistsState } from './publicationStore';
import type {
  PackageToPublish,
  PlanOptions,
  PlannedReleaseContent,
  ProdLayout,
  PublicationInfo,
  PublicationPlan,
} from './publishTypes';
import { readServedSuite, suitesIn, type ServedSuite } from './servedSuite';
import {
  byHashCopies,
  compressIndexes,
  packagesIndexTexts,
  releaseArchitectures,
  type ByHashCopy,
  type IndexFile,
} from './suiteIndexes';

/** A plan, and everything publish needs to carry it out. */
export interface PreparedPublication {
  plan: PublicationPlan;
  root: string;
  dists: DistsState;
  /** The served publication's record, when Countersign published what is served. */
  current: PublicationInfo | null;
  /** The served dists folder, or null when apt-prod serves nothing yet. */
  servedDir: string | null;
  otherSuites: string[];
  indexFiles: IndexFile[];
  releaseText: string;
  byHash: ByHashCopy[];
  toPool: { pkg: PackageToPublish; poolPath: string }[];
}

/** apt-prod's folder, resolved; refuses what is not a folder. */
export async function checkRoot(root: string): Promise<string> {
  const stats = await stat(root).catch(() => null);
  if (!stats?.isDirectory()) {
    throw new CountersignError(
      'APT_PROD_INVALID',
      `apt-prod ${quoted(root)} is not a folder.`,
      'Set aptProd.path in project.json to an existing folder (an empty one for a new apt-prod).',
    );
  }
  return realpath(root);
}

async function poolStates(
  root: string,
  add: readonly PackageToPublish[],
  signal?: AbortSignal,
): Promise<Map<string, PoolState>> {
  const states = new Map<string, PoolState>();
  const toHash: { path: string; poolPath: string; sha256: string }[] = [];
  const unique = new Map<string, PackageToPublish>();
  for (const pkg of add) if (!unique.has(poolPathOf(pkg))) unique.set(poolPathOf(pkg), pkg);
  // Checked many at a time: each check is a few lstat calls, and thousands in a row add up.
  const entries = [...unique];
  for (let start = 0; start < entries.length; start += 64) {
    const chunk = entries.slice(start, start + 64);
    const found = await Promise.all(
      chunk.map(async ([poolPath]) =>
        (await folderChainExists(root, dirname(poolPath)))
          ? lstatOrNull(join(root, poolPath))
          : null,
      ),
    );
    chunk.forEach(([poolPath, pkg], index) => {
      const stats = found[index];
      if (!stats) states.set(poolPath, 'absent');
      else if (!stats.isFile() || stats.size !== pkg.size) states.set(poolPath, 'other');
      else {
        states.set(poolPath, 'same');
        toHash.push({ path: join(root, poolPath), poolPath, sha256: pkg.sha256 });
      }
    });
  }
  const digests = await hashFiles(
    toHash.map((item) => item.path),
    { queueDepth: 4, ...(signal ? { signal } : {}) },
  );
  digests.forEach((digest, index) => {
    const item = toHash[index];
    if (item && digest.sha256 !== item.sha256) states.set(item.poolPath, 'other');
  });
  return states;
}

/** Existing names first, in their order; new ones after, sorted ("main" first, as Debian lists it). */
function union(existing: readonly string[], more: Iterable<string>): string[] {
  const added = [...new Set(more)]
    .filter((name) => !existing.includes(name))
    .sort((a, b) => (a === 'main' ? -1 : b === 'main' ? 1 : a.localeCompare(b)));
  return [...existing, ...added];
}

/**
 * Reads apt-prod as served and computes the whole publication in memory: the
 * decisions, every index file and the Release text. Writes nothing.
 */
export async function preparePublication(
  rootPath: string,
  layout: ProdLayout,
  add: readonly PackageToPublish[],
  options: PlanOptions & { signal?: AbortSignal },
): Promise<PreparedPublication> {
  checkLayout(layout);
  for (const pkg of add) checkPackage(pkg);
  const root = await checkRoot(rootPath);
  const dists = await readDistsState(root);
  const current = dists.kind === 'publication' ? await readPublicationInfo(root, dists.id) : null;
  if (dists.kind === 'publication' && !current) {
    throw hostileLayout(`apt-prod's dists links to publication ${dists.id}, which is incomplete.`);
  }
  // A run killed inside the one-time migration left the old dists aside: it is what apt-prod serves.
  const aside = join(root, MIGRATION_ASIDE);
  const servedDir =
    dists.kind !== 'none' ? dists.dir : (await lstatOrNull(aside))?.isDirectory() ? aside : null;
  const served: ServedSuite | null = servedDir
    ? await readServedSuite(servedDir, layout.suite, current, options.releaseKeys)
    : null;
  const otherSuites = servedDir
    ? (await suitesIn(servedDir)).filter((name) => name !== layout.suite)
    : [];

  const removal = decideRemovals(served?.packages ?? [], options.remove ?? []);
  const decision = decideChanges(
    removal.remaining,
    add,
    await poolStates(root, add, options.signal),
    options.allowDowngrade ?? false,
  );
  const listed = decision.packages;
  const components = union(
    served?.components ?? [],
    listed.map((pkg) => pkg.component),
  );
  const concrete = union(
    served?.concreteArchitectures ?? [],
    listed.map((pkg) => pkg.architecture).filter((architecture) => architecture !== 'all'),
  );
  const indexFiles = await compressIndexes(
    packagesIndexTexts(components, concrete, listed),
    options.signal,
  );
  const acquireByHash = layout.acquireByHash ?? true;
  const validUntil =
    layout.validForSeconds === undefined
      ? null
      : new Date(options.date.getTime() + layout.validForSeconds * 1000);
  const architectures = releaseArchitectures(concrete);
  const text = releaseText({
    origin: layout.origin,
    label: layout.label,
    suite: layout.suite,
    codename: layout.codename,
    date: options.date,
    ...(validUntil ? { validUntil } : {}),
    architectures,
    components,
    acquireByHash,
    files: indexFiles.map(({ path, size, md5, sha256 }) => ({ path, size, md5, sha256 })),
  });
  const release: PlannedReleaseContent = {
    origin: layout.origin,
    label: layout.label,
    suite: layout.suite,
    codename: layout.codename,
    date: options.date.toISOString(),
    validUntil: validUntil?.toISOString() ?? null,
    architectures,
    components,
    acquireByHash,
    files: indexFiles.map(({ path, size, sha256 }) => ({ path, size, sha256 })),
  };
  return {
    plan: {
      current: current?.id ?? null,
      changes: decision.changes,
      kept: decision.kept,
      removed: removal.removed,
      refusals: decision.refusals,
      release,
    },
    root,
    dists,
    current,
    servedDir,
    otherSuites,
    indexFiles,
    releaseText: text,
    // Clients holding the served InRelease look up its indexes by hash if it said so.
    byHash: byHashCopies(
      acquireByHash ? indexFiles : [],
      served?.acquireByHash ? served.indexFiles : [],
    ),
    toPool: decision.toPool,
  };
}

/**
 * What publishing `add` (and taking out `options.remove`) would do to apt-prod
 * as served now: each package's change (or why it is refused), what is kept
 * and removed, and the new Release's content.
 * Reads apt-prod and compresses the indexes in memory; writes nothing.
 */
export async function planPublication(
  root: string,
  layout: ProdLayout,
  add: readonly PackageToPublish[],
  options: PlanOptions,
): Promise<PublicationPlan> {
  return (await preparePublication(root, layout, add, options)).plan;
}
