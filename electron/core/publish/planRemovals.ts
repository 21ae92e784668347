import { CountersignError } from '../../../shared/errors';
import { quoted } from '../lib/apt/hostileText';
import type { PackageRemoval, RemovedPackage } from './publishTypes';
import type { ServedPackage } from './servedSuite';

export interface RemovalDecision {
  /** The served packages the new suite still lists. */
  remaining: ServedPackage[];
  removed: RemovedPackage[];
}

const matches = (pkg: ServedPackage, removal: PackageRemoval) =>
  pkg.package === removal.package &&
  (removal.architecture === undefined || pkg.architecture === removal.architecture);

/**
 * Takes the packages `remove` names out of the served suite, without any
 * I/O. Refuses (PACKAGE_NOT_FOUND) a removal that matches nothing served, so
 * a typo never publishes a new, identical suite.
 */
export function decideRemovals(
  served: readonly ServedPackage[],
  remove: readonly PackageRemoval[],
): RemovalDecision {
  const unmatched = remove.filter((removal) => !served.some((pkg) => matches(pkg, removal)));
  if (unmatched.length > 0) {
    const names = unmatched.map((removal) =>
      removal.architecture === undefined
        ? quoted(removal.package)
        : `${quoted(removal.package)} (${removal.architecture})`,
    );
    throw new CountersignError(
      'PACKAGE_NOT_FOUND',
      `apt-prod does not serve ${names.join(', ')}, so there is nothing to withdraw.`,
      'Check the package name against what apt-prod serves (countersign verify-repo lists it).',
    );
  }
  const remaining: ServedPackage[] = [];
  const removed: RemovedPackage[] = [];
  for (const pkg of served) {
    if (!remove.some((removal) => matches(pkg, removal))) {
      remaining.push(pkg);
      continue;
    }
    removed.push({
      package: pkg.package,
      version: pkg.version,
      architecture: pkg.architecture,
      component: pkg.component,
      sha256: pkg.sha256,
      poolPath: pkg.filename,
    });
  }
  return { remaining, removed };
}
