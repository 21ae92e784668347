import type { ArtifactVerdict } from '../../../../shared/review';
import type { DifferenceStatus } from './differenceTree';

/** An artifact's verdict in words: the text always travels with the icon and colour. */
export const VERDICT_LABEL: Record<ArtifactVerdict, string> = {
  'awaiting-report': 'Awaiting report',
  unreviewed: 'Unreviewed',
  approved: 'Approved',
  blocked: 'Blocked',
};

export const VERDICT_ICON: Record<ArtifactVerdict, string> = {
  'awaiting-report': '…',
  unreviewed: '○',
  approved: '✓',
  blocked: '✗',
};

/** A difference's status in words, and its glyph. */
export const STATUS_LABEL: Record<DifferenceStatus, string> = {
  accepted: 'Accepted',
  blocking: 'Blocking',
  unreviewed: 'Unreviewed',
};

export const STATUS_ICON: Record<DifferenceStatus, string> = {
  accepted: '✓',
  blocking: '✗',
  unreviewed: '○',
};
