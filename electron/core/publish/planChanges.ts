import { CountersignError } from '../../../shared/errors';
import { compareDebianVersions } from '../lib/deb/debianVersion';
import { quoted } from '../lib/apt/hostileText';
import { poolPathOf } from './prodPaths';
import type {
  KeptPackage,
  PackageToPublish,
  PublicationChange,
  PublicationRefusal,
} from './publishTypes';
import type { ServedPackage } from './servedSuite';
import type { SuitePackage } from './suiteIndexes';
import type { PackagesIndexEntry } from '../lib/apt/writeIndexes';

/** What is at a package's pool path now. */
export type PoolState = 'absent' | 'same' | 'other';

export interface ChangeDecision {
  changes: PublicationChange[];
  kept: KeptPackage[];
  refusals: PublicationRefusal[];
  /** Everything the new suite lists: kept and unchanged as served, plus what is added. */
  packages: SuitePackage[];
  /** Given packages whose pool file must be written. */
  toPool: { pkg: PackageToPublish; poolPath: string }[];
}

const slot = (pkg: { component: string; package: string; architecture: string }) =>
  `${pkg.component} ${pkg.package} ${pkg.architecture}`;

function identity(pkg: { package: string; version: string; architecture: string }): string {
  return `${pkg.package} ${pkg.version} (${pkg.architecture})`;
}

/** Two different files given for one package and architecture of a component. */
function checkOnePerSlot(add: readonly PackageToPublish[]): PackageToPublish[] {
  const bySlot = new Map<string, PackageToPublish>();
  for (const pkg of add) {
    const earlier = bySlot.get(slot(pkg));
    if (!earlier) bySlot.set(slot(pkg), pkg);
    else if (earlier.sha256 !== pkg.sha256) {
      throw new CountersignError(
        'INVALID_PUBLICATION',
        `Two files were given for ${quoted(pkg.package)} (${pkg.architecture}) in ${quoted(pkg.component)}: ${quoted(earlier.version)} and ${quoted(pkg.version)}. apt-prod serves one version of a package per architecture.`,
        'Select one of them.',
      );
    }
  }
  return [...bySlot.values()];
}

function highest(packages: readonly ServedPackage[]): ServedPackage | null {
  let best: ServedPackage | null = null;
  for (const pkg of packages) {
    if (!best || compareDebianVersions(pkg.version, best.version) > 0) best = pkg;
  }
  return best;
}

/**
 * Decides, without any I/O, what each given package does to the served suite:
 * a new slot is an add; a higher version replaces every served version of it;
 * the same version with the same bytes is unchanged; the same version with
 * other bytes, a lower version (unless downgrades are allowed) or a pool path
 * holding other bytes is refused. A refused package is left out of
 * `packages`, so the rest shows what would be published without it.
 */
export function decideChanges(
  served: readonly ServedPackage[],
  add: readonly PackageToPublish[],
  poolState: ReadonlyMap<string, PoolState>,
  allowDowngrade: boolean,
): ChangeDecision {
  const changes: PublicationChange[] = [];
  const refusals: PublicationRefusal[] = [];
  const toPool: ChangeDecision['toPool'] = [];
  const added: SuitePackage[] = [];
  const replacedSlots = new Set<string>();
  const unchangedKeys = new Set<string>();

  for (const pkg of checkOnePerSlot(add)) {
    const inSlot = served.filter((candidate) => slot(candidate) === slot(pkg));
    const top = highest(inSlot);
    const refuse = (code: PublicationRefusal['code'], message: string) =>
      refusals.push({
        package: pkg.package,
        version: pkg.version,
        architecture: pkg.architecture,
        code,
        message,
      });
    const order = top ? compareDebianVersions(pkg.version, top.version) : 1;
    if (top && order === 0) {
      const same = inSlot.find(
        (candidate) => candidate.version === top.version && candidate.sha256 === pkg.sha256,
      );
      if (!same) {
        refuse(
          'SAME_VERSION_OTHER_BYTES',
          `apt-prod already serves ${identity(pkg)} with other bytes; a published version never changes. Publish it under a new version.`,
        );
        continue;
      }
      unchangedKeys.add(`${slot(same)} ${same.version}`);
      changes.push(change(pkg, 'unchanged', top.version, same.filename));
      continue;
    }
    if (top && order < 0 && !allowDowngrade) {
      refuse(
        'VERSION_NOT_NEWER',
        `${identity(pkg)} is older than ${quoted(top.version)}, which apt-prod serves; apt would not install it. Allow a downgrade to publish it anyway.`,
      );
      continue;
    }
    const poolPath = poolPathOf(pkg);
    const state = poolState.get(poolPath) ?? 'absent';
    if (state === 'other') {
      refuse(
        'POOL_CONFLICT',
        `${poolPath} already exists in apt-prod with other bytes; Countersign never overwrites a pool file.`,
      );
      continue;
    }
    const action = !top ? 'add' : order > 0 ? 'replace' : 'downgrade';
    changes.push(change(pkg, action, top?.version ?? null, poolPath));
    replacedSlots.add(slot(pkg));
    if (state === 'absent') toPool.push({ pkg, poolPath });
    added.push(
      suitePackage(pkg, {
        control: pkg.control,
        filename: poolPath,
        size: pkg.size,
        md5: pkg.md5,
        sha256: pkg.sha256,
      }),
    );
  }

  const remaining = served.filter((pkg) => !replacedSlots.has(slot(pkg)));
  const kept = remaining
    .filter((pkg) => !unchangedKeys.has(`${slot(pkg)} ${pkg.version}`))
    .map(({ package: name, version, architecture, component }) => ({
      package: name,
      version,
      architecture,
      component,
    }));
  const packages: SuitePackage[] = [
    ...remaining.map((pkg) =>
      suitePackage(pkg, {
        control: pkg.control,
        filename: pkg.filename,
        size: pkg.size,
        ...(pkg.md5 === undefined ? {} : { md5: pkg.md5 }),
        sha256: pkg.sha256,
      }),
    ),
    ...added,
  ];
  return { changes, kept, refusals, packages, toPool };
}

function suitePackage(
  pkg: { component: string; package: string; version: string; architecture: string },
  entry: PackagesIndexEntry,
): SuitePackage {
  const { component, version, architecture } = pkg;
  return { component, package: pkg.package, version, architecture, entry };
}

function change(
  pkg: PackageToPublish,
  action: PublicationChange['action'],
  previousVersion: string | null,
  poolPath: string,
): PublicationChange {
  return {
    action,
    package: pkg.package,
    version: pkg.version,
    previousVersion,
    architecture: pkg.architecture,
    component: pkg.component,
    sha256: pkg.sha256,
    size: pkg.size,
    poolPath,
  };
}
