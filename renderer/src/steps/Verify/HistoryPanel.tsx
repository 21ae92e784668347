import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UntrustedText } from '../../components/UntrustedText';
import { useVerifyStore } from './verifyStore';
import { SignedHead } from './SignedHead';
import { chainSummary } from './verifyText';

/**
 * The release's history from its audit log, oldest first: who did what and
 * when, whether each line still links to the one before, and whether the head
 * signed at promotion still matches.
 */
export function HistoryPanel({ tag }: { tag: string }) {
  const history = useVerifyStore((state) =>
    state.releaseHistory.tag === tag ? state.releaseHistory.history : null,
  );
  const loading = useVerifyStore((state) => state.releaseHistory.loading);
  const error = useVerifyStore((state) => state.releaseHistory.error);
  const dismissError = useVerifyStore((state) => state.releaseHistory.dismissError);
  const load = useVerifyStore((state) => state.releaseHistory.load);

  return (
    <section
      className="panel qa-history"
      aria-labelledby="qa-history-heading"
      aria-busy={loading}
      data-testid="audit-history"
      data-loading={loading}
    >
      <div className="panel__header">
        <h2 className="panel__title" id="qa-history-heading">
          History of <UntrustedText text={tag} />
        </h2>
        <button
          type="button"
          className="button button--quiet"
          data-testid="audit-history-refresh"
          aria-disabled={loading ? true : undefined}
          onClick={() => {
            if (!loading) void load(tag);
          }}
        >
          {loading ? 'Reading…' : 'Read again'}
        </button>
      </div>
      {error ? (
        <ErrorAlert error={error} title="Could not read the audit log" onDismiss={dismissError} />
      ) : null}
      {history === null ? (
        loading ? (
          <p className="qa-history__loading">Reading the audit log…</p>
        ) : null
      ) : (
        <>
          <p
            className={`qa-chain qa-chain--${history.chain.intact ? 'intact' : 'broken'}`}
            data-testid="audit-chain"
            data-intact={history.chain.intact}
            data-broken-at={history.chain.intact ? '' : history.chain.brokenAtLine}
          >
            <strong>Chain: </strong>
            {history.chain.intact ? (
              chainSummary(history.chain)
            ) : (
              <UntrustedText text={chainSummary(history.chain)} />
            )}
          </p>
          <SignedHead head={history.head} />
          {history.items.length === 0 ? (
            <p data-testid="audit-empty">Nothing is recorded for this release yet.</p>
          ) : (
            <ol className="qa-timeline" aria-label="Timeline" data-testid="audit-timeline">
              {history.items.map((item) => (
                <li
                  key={item.line}
                  className={`qa-entry${item.trusted ? '' : ' qa-entry--untrusted'}`}
                  data-testid="audit-entry"
                  data-kind={item.kind}
                  data-trusted={item.trusted}
                >
                  <span className="qa-entry__when">
                    <DateTime iso={item.at} />
                  </span>
                  <span className="qa-entry__kind">
                    <UntrustedText text={item.kind} />
                  </span>
                  <span className="qa-entry__actor">
                    by <UntrustedText text={item.actor} />
                  </span>
                  <span className="qa-entry__summary">
                    <UntrustedText text={item.summary} />
                  </span>
                  {item.trusted ? null : (
                    <span className="badge badge--failed qa-entry__mark">
                      not trusted: after the break
                    </span>
                  )}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
