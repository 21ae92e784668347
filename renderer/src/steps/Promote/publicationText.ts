import type { PublicationInfo } from '../../../../shared/promote';
import { formatUtc } from '../../format/dateTime';

/** A publication in one line: "20260201T120000Z-ab12 of v1.0.0, published 2026-02-01 12:00:00 UTC". */
export function describePublication(publication: PublicationInfo): string {
  const release = publication.tag === null ? '' : ` of ${publication.tag}`;
  return `${publication.id}${release}, published ${formatUtc(publication.publishedAt)}`;
}
