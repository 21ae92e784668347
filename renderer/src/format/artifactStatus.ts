import type { ArtifactStatus } from '../../../shared/compare';

/** A row's status in words: the text always travels with the icon and colour. */
export const STATUS_LABEL: Record<ArtifactStatus, string> = {
  identical: 'Identical',
  differs: 'Differs',
  'only-ci': 'Only in CI',
  'only-local': 'Only local',
};

/** A glyph per status, so the states differ in shape as well as colour. */
export const STATUS_ICON: Record<ArtifactStatus, string> = {
  identical: '✓',
  differs: '≠',
  'only-ci': '◧',
  'only-local': '◨',
};
