/**
 * apt-prod, the repository Countersign publishes to: the API the promotion
 * gate, the CLI and the UI call.
 *
 * Layout (prodPaths.ts): a standard Debian repository, `pool/<component>/<letter
 * or libX>/<source>/<file>.deb` and `dists/<suite>/…`, where `dists` is a
 * relative symlink to `.countersign/publications/<id>/dists`. Each
 * publication folder is complete and signed before `dists` points at it, and
 * holds a publication.json (id, date, previous id, tag, what it added, the
 * SHA-256 of its InRelease).
 *
 * A publication (publish.ts), under `.countersign/publish.lock`:
 * 1. recovery (recoverPublication.ts): finish an interrupted migration, drop
 *    unfinished publications and the pool files only they wrote, temp files;
 * 2. once, a `dists/` folder from before Countersign becomes the first
 *    publication (migratePlainDists.ts, with its documented instant gap);
 * 3. the plan (planPublication.ts): the served suite is read (its InRelease
 *    must be the one its publication recorded, or verify with `releaseKeys`;
 *    each index must match the Release), the packages `remove` names are
 *    taken out of it (planRemovals.ts; one it does not serve is
 *    PACKAGE_NOT_FOUND) and the given packages are decided on
 *    (planChanges.ts): add, replace, unchanged, downgrade, or refused with
 *    POOL_CONFLICT, VERSION_NOT_NEWER, SAME_VERSION_OTHER_BYTES;
 * 4. pool files: temp name, fsync, hash check against the verified SHA-256,
 *    link(2) (never over an existing file), fsync the folder;
 * 5. the new dists: other suites copied as they are, the suite's Packages
 *    (.gz by zlib, .xz by the xz program), by-hash copies of the new indexes
 *    and of the served ones (so a client holding the old InRelease still gets
 *    matching files), Release, then InRelease and Release.gpg from the signer,
 *    checked; all fsynced;
 * 6. the switch: a fresh symlink renamed over `dists` (one rename(2)), the
 *    root fsynced;
 * 7. cleanup: publications other than the new one and the one before it, and
 *    the pool files none of the kept ones lists.
 * Every write step passes a named checkpoint; publish.integration.test.ts
 * kills a child at each one and checks apt still accepts apt-prod.
 */
/** Where apt-prod keeps its publications (each with its own signed dists/), for readers that check them. */
export { PUBLICATIONS_DIR } from './prodPaths';
export { planPublication } from './planPublication';
export { publish } from './publish';
export { rollbackPublication } from './rollbackPublication';
export { readPublications, recoverPublication } from './recoverPublication';
export type {
  Checkpoint,
  KeptPackage,
  PackageRemoval,
  PackageToPublish,
  PlannedReleaseContent,
  PlanOptions,
  ProdLayout,
  PublicationAction,
  PublicationChange,
  PublicationHistory,
  PublicationInfo,
  PublicationPlan,
  PublicationRefusal,
  PublicationRefusalCode,
  PublicationResult,
  PublishOptions,
  PublishReport,
  ReleaseSigner,
  RemovedPackage,
} from './publishTypes';
// What a publication is made of, for the benchmark against apt-ftparchive and for tests.
export { compressIndexes, packagesIndexTexts, releaseArchitectures } from './suiteIndexes';
export { releaseText } from '../lib/apt/writeIndexes';
export { scanDebs } from '../lib/apt/scanDebs';
export { parseDeb822 } from '../lib/deb/deb822';
export {
  readReleaseKey,
  signRelease,
  withUnlockedKey,
  type UnlockedReleaseKey,
} from '../lib/openpgp/index';
