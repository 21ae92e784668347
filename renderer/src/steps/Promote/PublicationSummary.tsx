import type { PublicationInfo } from '../../../../shared/promote';
import { UntrustedText } from '../../components/UntrustedText';
import { describePublication } from './publicationText';
import { ShortSha } from './ShortSha';

/** One publication of apt-prod: its id, the release it published, when, and its Release's hash. */
export function PublicationSummary({
  publication,
  testId,
}: {
  publication: PublicationInfo;
  testId?: string;
}) {
  return (
    <span className="promote-publication" data-testid={testId} data-id={publication.id}>
      <UntrustedText text={describePublication(publication)} />
      {publication.releaseSha256 ? (
        <span className="facts__aside">
          Release{' '}
          <ShortSha value={publication.releaseSha256} of={`the Release of ${publication.id}`} />
        </span>
      ) : null}
    </span>
  );
}
