import type { ProjectSummary } from '../../../../shared/project';
import { Fingerprint } from '../../components/Fingerprint';
import { UntrustedText } from '../../components/UntrustedText';
import { SOURCE_KIND_LABEL } from './sourceKind';

/** Where CI's artifacts come from, as project.json says, and who may sign an apt source. */
export function CiSourceFacts({ ci }: { ci: ProjectSummary['ci'] }) {
  return (
    <section className="facts compare-source" aria-labelledby="compare-ci-heading">
      <h3 className="facts__title" id="compare-ci-heading">
        CI’s artifacts
      </h3>
      {ci === null ? (
        <div className="compare-source__missing" data-testid="no-ci-source">
          <p>
            This project does not say where CI’s artifacts are. Add a <code>ci</code> section to its
            project.json with a <code>source</code>: a folder, an archive, or <code>apt:</code>{' '}
            followed by a repository’s root.
          </p>
        </div>
      ) : (
        <dl className="facts__list">
          <dt>Kind</dt>
          <dd data-testid="ci-kind" data-kind={ci.kind}>
            {SOURCE_KIND_LABEL[ci.kind]}
          </dd>
          <dt>Source</dt>
          <dd>
            <code className="compare-source__location" data-testid="ci-source">
              <UntrustedText text={ci.source} />
            </code>
          </dd>
          {ci.kind === 'apt' ? (
            <>
              <dt>Must be signed by</dt>
              <dd>
                {ci.repositoryKeys.length === 0 ? (
                  <span className="facts__caution" data-testid="no-repository-keys">
                    No repository key is trusted, so the repository’s Release file cannot be
                    verified. Add <code>repositoryKeys</code> to the <code>ci</code> section.
                  </span>
                ) : (
                  <ul className="compare-source__keys" aria-label="Trusted repository keys">
                    {ci.repositoryKeys.map((key) => (
                      <li key={key.fingerprint} data-testid="repository-key">
                        <Fingerprint value={key.fingerprint} testId="repository-key-fingerprint" />
                        <span className="facts__aside">
                          <UntrustedText text={key.userIds[0] ?? '(no user ID)'} />
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </>
          ) : null}
        </dl>
      )}
    </section>
  );
}
