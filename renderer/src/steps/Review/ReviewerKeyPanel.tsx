import { useEffect } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Fingerprint } from '../../components/Fingerprint';
import { UntrustedText } from '../../components/UntrustedText';
import { ImportPersonalKeyForm } from '../../components/ImportPersonalKeyForm';
import { useReviewStore } from './reviewStore';

/**
 * "Your reviewer key": the key this machine signs decisions with (its user
 * IDs, fingerprint and algorithm, never its secret part), or a form to import
 * one. Each reviewer imports their own, on their own machine.
 */
export function ReviewerKeyPanel() {
  const reviewerKey = useReviewStore((state) => state.reviewerKey);
  const loaded = useReviewStore((state) => state.reviewerKeyLoaded);
  const error = useReviewStore((state) => state.reviewerKeyError);
  const loadReviewerKey = useReviewStore((state) => state.loadReviewerKey);
  const importKey = useReviewStore((state) => state.importReviewerKey);
  const importing = useReviewStore((state) => state.importingReviewerKey);
  const refusal = useReviewStore((state) => state.importReviewerKeyError);
  const importForm = (
    <ImportPersonalKeyForm
      role="reviewer"
      headingLevel={3}
      importKey={importKey}
      busy={importing}
      refusal={refusal}
    />
  );

  useEffect(() => {
    void loadReviewerKey();
  }, [loadReviewerKey]);

  return (
    <section
      className="facts reviewer-key"
      aria-labelledby="reviewer-key-heading"
      data-testid="reviewer-key"
      data-state={!loaded ? 'loading' : reviewerKey ? 'imported' : 'none'}
    >
      {/* The step's first heading: its sections (and the artifact) are h2s under the window's h1. */}
      <h2 className="facts__title" id="reviewer-key-heading">
        Your reviewer key
      </h2>
      {error ? <ErrorAlert error={error} title="Could not read your reviewer key" /> : null}
      {reviewerKey ? (
        <>
          <dl className="facts__list" data-testid="reviewer-key-facts">
            <dt>User IDs</dt>
            <dd>
              <ul className="reviewer-key__uids" data-testid="reviewer-key-uid">
                {reviewerKey.userIds.map((userId) => (
                  <li key={userId}>
                    <UntrustedText text={userId} />
                  </li>
                ))}
              </ul>
            </dd>
            <dt>Fingerprint</dt>
            <dd>
              <Fingerprint value={reviewerKey.fingerprint} testId="reviewer-key-fingerprint" />
            </dd>
            <dt>Algorithm</dt>
            <dd data-testid="reviewer-key-algorithm">
              <UntrustedText text={reviewerKey.algorithm} />
            </dd>
          </dl>
          <p className="reviewer-key__note">
            Each decision you record here is signed by this key; its passphrase is asked for each
            time and never kept.
          </p>
          <details className="reviewer-key__another">
            <summary>Import another reviewer key</summary>
            {importForm}
          </details>
        </>
      ) : loaded ? (
        <>
          <p className="reviewer-key__none" data-testid="reviewer-key-none">
            No reviewer key on this machine: your decisions are recorded under your user name,
            unsigned, and a project with a review policy refuses them.
          </p>
          {importForm}
        </>
      ) : (
        <p className="reviewer-key__loading">Reading your reviewer key…</p>
      )}
    </section>
  );
}
