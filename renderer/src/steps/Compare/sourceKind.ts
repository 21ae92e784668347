import type { ARTIFACT_SOURCE_KINDS } from '../../../../shared/compare';

/** How each kind of artifact source reads in a sentence. */
export const SOURCE_KIND_LABEL: Record<(typeof ARTIFACT_SOURCE_KINDS)[number], string> = {
  folder: 'Folder',
  archive: 'Archive',
  apt: 'Signed apt repository',
};
