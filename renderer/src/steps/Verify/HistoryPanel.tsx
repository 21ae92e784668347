import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UntrustedText } from '../../components/UntrustedText';
import { useVerifyStore } from './verifyStore';
import { SignedHead } from './SignedHead';
import { Fingerprint } from '../../components/Fingerprint';
import { timelineRows } from './historyTimeline';
import { auditKindLabel, chainSummary } from './verifyText';

/**
 * The release's history from its audit log, newest first: who did what and
 * when, whether each line still links to the one before, whether the head
 * signed at the last publication still matches, and where it ends (entries
 * above the mark were added since).
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
            <ol
              className="qa-timeline"
              reversed
              aria-label="Timeline, newest first"
              data-testid="audit-timeline"
            >
              {timelineRows(history).map((row) =>
                row.kind === 'signed-head' ? (
                  <li
                    key="signed-head"
                    className="qa-head-mark"
                    data-testid="audit-head-mark"
                    data-appended={row.appendedAfter}
                  >
                    <span className="qa-head-mark__title">
                      ▲ Signed at the last publication
                      {row.signedAt ? (
                        <>
                          , <DateTime iso={row.signedAt} />
                        </>
                      ) : null}
                    </span>
                    <span className="qa-head-mark__text">
                      {row.appendedAfter === 0
                        ? "Nothing was added since: every entry below is covered by the release key's signature"
                        : `${row.appendedAfter === 1 ? 'The entry above was' : 'Entries above were'} added since; every entry below is covered by the release key's signature`}
                      {row.signedBy.map((fingerprint) => (
                        <span key={fingerprint}>
                          {' '}
                          (<Fingerprint value={fingerprint} />)
                        </span>
                      ))}
                      .
                    </span>
                  </li>
                ) : (
                  <li
                    key={row.item.line}
                    className={`qa-entry${row.item.trusted ? '' : ' qa-entry--untrusted'}${row.afterSignature ? ' qa-entry--unsigned' : ''}`}
                    data-testid="audit-entry"
                    data-kind={row.item.kind}
                    data-trusted={row.item.trusted}
                    data-after-signature={row.afterSignature}
                  >
                    <span className="qa-entry__when">
                      <DateTime iso={row.item.at} />
                    </span>
                    <span className="qa-entry__kind">
                      <UntrustedText text={auditKindLabel(row.item.kind)} />
                    </span>
                    <span className="qa-entry__actor">
                      by <UntrustedText text={row.item.actor} />
                    </span>
                    <span className="qa-entry__summary">
                      <UntrustedText text={row.item.summary} />
                    </span>
                    {row.item.trusted ? null : (
                      <span className="badge badge--failed qa-entry__mark">
                        not trusted: after the break
                      </span>
                    )}
                  </li>
                ),
              )}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
