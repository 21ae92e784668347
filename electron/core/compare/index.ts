/**
 * Step 3, Compare: CI's artifacts (a folder, an archive, or the packages of the
 * signed apt-test) against the rebuild, hash by hash. The front door:
 * transports, other steps, benchmarks and fixtures import from here.
 */
export {
  compareArtifacts,
  compareProjectTag,
  compareRelease,
  downloadsFolder,
  type CompareOverrides,
  type RecordedComparison,
} from './compareRelease';
export { compareSources, type CompareOptions } from './compareSources';
export {
  ciSourceSetup as compareSetup,
  resolveSourceLocation,
  sourceKindOf,
} from './ciSourceSetup';
export { createCompareHandlers } from './compareHandlers';
export { readKeyringFile } from '../lib/openpgp/readKeyringFile';
