import type { RefObject } from 'react';
import { DateTime } from '../../components/DateTime';
import { Fingerprint } from '../../components/Fingerprint';
import { Sha } from '../../components/Sha';
import { UntrustedText } from '../../components/UntrustedText';
import { usePromoteStore } from './promoteStore';
import { ChangeList } from './ChangeList';
import { writingChanges } from './changeText';
import { RollbackControl } from './RollbackControl';
import { StatusMark } from './StatusMark';

/** What the publication did: its id and time, what it published, who signed, and the way back. */
export function PromotionResultPanel({
  tag,
  headingRef,
}: {
  tag: string;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const result = usePromoteStore((state) =>
    state.publication.result?.plan.tag === tag ? state.publication.result : null,
  );
  const rolledBack = usePromoteStore(
    ({ publication: state }) =>
      state.result !== null && state.rollbackResult?.from.id === state.result.publication.id,
  );
  if (result === null) return null;
  const { publication } = result;

  return (
    <section
      className="panel promote-result"
      aria-labelledby="promote-result-heading"
      data-testid="promote-result"
      data-publication={publication.id}
      data-rolled-back={rolledBack}
    >
      <div className="panel__header">
        <h2 className="panel__title" id="promote-result-heading" tabIndex={-1} ref={headingRef}>
          {rolledBack ? (
            <StatusMark icon="↶" tone="promote-rolled-back">
              Published, then rolled back
            </StatusMark>
          ) : (
            <StatusMark icon="✓" tone="promote-passes">
              Published
            </StatusMark>
          )}
        </h2>
      </div>
      <dl className="facts__list">
        <dt>Publication</dt>
        <dd>
          <code data-testid="promote-result-id">
            <UntrustedText text={publication.id} />
          </code>
        </dd>
        <dt>Published at</dt>
        <dd>
          <DateTime iso={publication.publishedAt} />
        </dd>
        <dt>Signed by</dt>
        <dd>
          <Fingerprint value={result.signedBy} testId="promote-result-signed-by" />
        </dd>
        {publication.releaseSha256 ? (
          <>
            <dt>Release SHA-256</dt>
            <dd>
              <Sha value={publication.releaseSha256} testId="promote-result-release-sha" />
            </dd>
          </>
        ) : null}
        <dt>Served before</dt>
        <dd>
          {result.previous ? (
            <code>
              <UntrustedText text={result.previous.id} />
            </code>
          ) : (
            'nothing (first publication)'
          )}
        </dd>
      </dl>
      <h3 className="facts__title facts__title--follow">What was published</h3>
      <ChangeList changes={writingChanges(result.plan.changes)} testId="promote-result-changes" />
      <h3 className="facts__title facts__title--follow">Detached files</h3>
      {result.detachedFiles.length === 0 ? (
        <p className="facts__aside">None.</p>
      ) : (
        <FileList files={result.detachedFiles} testId="promote-result-detached" />
      )}
      <h3 className="facts__title facts__title--follow">Attestations, for anyone to check</h3>
      {result.attestations.length === 0 ? (
        <p className="facts__aside" data-testid="promote-result-no-attestations">
          None were published (the job log says why). Export them with{' '}
          <code>countersign attest export</code>.
        </p>
      ) : (
        <FileList files={result.attestations} testId="promote-result-attestations" />
      )}
      <RollbackControl tag={tag} previous={result.previous} />
    </section>
  );
}

/** Files written beside apt-prod, relative to it; their names came from CI. */
function FileList({ files, testId }: { files: string[]; testId: string }) {
  return (
    <ul className="promote-detached" data-testid={testId}>
      {files.map((file) => (
        <li key={file}>
          <code>
            <UntrustedText text={file} />
          </code>
        </li>
      ))}
    </ul>
  );
}
