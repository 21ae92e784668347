/**
 * Review from another machine: a release's review exported as a bundle,
 * opened elsewhere as a read-only review folder, decided with the reviewer's
 * own key, and the decisions brought back as one signed file that is
 * verified before anything is appended. The front door: transports and the
 * CLI import from here.
 */
export { exportReviewBundle, type BundleRelease, type ExportedBundle } from './exportBundle';
export { openReviewBundle, openedManifest, type OpenedBundle } from './openBundle';
export { DEFAULT_BUNDLE_LIMITS, type BundleLimits } from './bundleLayout';
export { writeDecisionsFile, type WrittenDecisions } from './decisionsFile';
export { importDecisions } from './importDecisions';
export { createReviewBundleHandlers } from './reviewBundleHandlers';
