/**
 * Independent rebuilders for Debian's apt-transport-in-toto (issue 18): each
 * rebuilder signs, with its own key, an in-toto link for the step `rebuild`
 * per package it reproduced; links handed in by other rebuilders are
 * checked and kept; a promotion publishes the layout (signed by the release
 * key) and the trees apt fetches; `apt-config` says what a user installs.
 * The front door: transports, other steps and fixtures import from here.
 */
export { aptClientConfig, type AptClientConfig, type AptClientFile } from './aptConfig';
export { attestRebuild } from './attestRebuild';
export { currentRebuilderKey, importRebuilderKey } from './rebuilderKey';
export { createRebuilderHandlers } from './rebuilderHandlers';
export { checkRebuildLink, type RebuildLinkCheck } from './checkRebuildLink';
export { importRebuildLinks } from './importRebuildLinks';
export {
  APT_LAYOUT_FILE,
  APT_LAYOUT_KEY_FILE,
  publishRebuilderTree,
  type PublishRebuilderTreeOptions,
} from './publishRebuilderTree';
export {
  buildRebuildLayout,
  layoutRebuilders,
  MATCH_INSPECTION,
  type LayoutRebuilder,
} from './rebuildLayout';
export {
  APT_IN_TOTO_FOLDER,
  linkPathInTree,
  PUBLISHED_REBUILDERS_FOLDER,
  publishedTree,
  REBUILDER_LINKS_FOLDER,
  reviewTree,
} from './rebuilderTree';
export {
  signRebuildLinks,
  type RebuildLinksResult,
  type SignedRebuildLink,
} from './signRebuildLinks';
