import type { ArtifactSource } from '../../../../shared/compare';
import { Fingerprint } from '../../components/Fingerprint';
import { Sha } from '../../components/Sha';
import { UntrustedText } from '../../components/UntrustedText';
import { SOURCE_KIND_LABEL } from './sourceKind';

/** What one side of a finished comparison read: where, and for apt, what was signed by whom. */
export function RecordedSourceFacts({
  source,
  title,
  testId,
}: {
  source: ArtifactSource;
  title: string;
  testId: string;
}) {
  const { repository, skipped } = source;
  return (
    <section className="facts" data-testid={testId}>
      <h3 className="facts__title">{title}</h3>
      <dl className="facts__list">
        <dt>Kind</dt>
        <dd>{SOURCE_KIND_LABEL[source.kind]}</dd>
        <dt>Location</dt>
        <dd>
          <code className="compare-source__location">
            <UntrustedText text={source.location} />
          </code>
        </dd>
        {repository ? (
          <>
            <dt>Suite</dt>
            <dd>
              <UntrustedText text={repository.suite} />
              <span className="facts__aside">
                Components <UntrustedText text={repository.components.join(', ') || 'none'} />;
                architectures <UntrustedText text={repository.architectures.join(', ') || 'none'} />
              </span>
            </dd>
            <dt>Release signed by</dt>
            <dd>
              <ul className="compare-source__keys">
                {repository.signedBy.map((fingerprint) => (
                  <li key={fingerprint}>
                    <Fingerprint value={fingerprint} testId="release-signed-by" />
                  </li>
                ))}
              </ul>
            </dd>
            <dt>Release SHA-256</dt>
            <dd>
              <Sha value={repository.releaseSha256} />
            </dd>
          </>
        ) : null}
        <dt>Skipped</dt>
        <dd>
          {skipped.length === 0 ? (
            'nothing'
          ) : (
            <details className="compare-source__skipped">
              <summary>
                {skipped.length} {skipped.length === 1 ? 'entry' : 'entries'} that are not artifacts
              </summary>
              <ul>
                {skipped.map((entry, index) => (
                  <li key={index}>
                    <code>
                      <UntrustedText text={entry.path} />
                    </code>
                    : <UntrustedText text={entry.reason} />
                  </li>
                ))}
              </ul>
            </details>
          )}
        </dd>
      </dl>
    </section>
  );
}
