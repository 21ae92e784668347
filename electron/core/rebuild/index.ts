/**
 * Step 2, Rebuild: the verified tag's source rebuilt in Docker from a pinned
 * base image, network off, SOURCE_DATE_EPOCH set. The front door: transports,
 * other steps, benchmarks and fixtures import from here.
 */
export { rebuildRelease, type RebuildInput, type RebuildOutcome } from './rebuildRelease';
export { listRebuilds, rebuildSetup, rebuildVerifiedTag } from './rebuildService';
export { compareRebuilds, type ReproducibilityReport } from './compareRebuilds';
export { createRebuildHandlers, rebuildProjectTag } from './rebuildHandlers';
export { bootstrapTag, ensureBaseImage, type BaseImage } from '../lib/docker/baseImage';
export { docker } from '../lib/docker/dockerCli';
