import { useEffect, useRef } from 'react';
import { Fingerprint } from '../components/Fingerprint';
import { UntrustedText } from '../components/UntrustedText';
import { ReviewStep } from '../steps/Review/ReviewStep';
import { useBundleStore } from './bundleStore';
import { WriteDecisionsPanel } from './WriteDecisionsPanel';

/**
 * A review bundle open in place of a project: the exporting project, the
 * release and its review policy, then the Review step on the bundle's
 * reports (decisions signed with this machine's reviewer key), and the panel
 * that writes them back as one signed file.
 */
export function BundleReviewScreen() {
  const opened = useBundleStore((state) => state.opened);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, [opened?.reviewDir]);

  if (!opened) return null;
  const { policy } = opened;
  return (
    <section
      className="bundle-review"
      aria-labelledby="bundle-review-heading"
      data-testid="bundle-review"
      data-manifest={opened.manifestSha256}
    >
      <div className="start__header">
        <h2 className="start__title" id="bundle-review-heading" ref={heading} tabIndex={-1}>
          Reviewing <UntrustedText text={opened.project.name} /> <UntrustedText text={opened.tag} />{' '}
          from a bundle
        </h2>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => void useBundleStore.getState().close()}
          data-testid="bundle-close"
        >
          Close bundle
        </button>
      </div>
      <div className="facts">
        <dl className="facts__list">
          <dt>Bundle</dt>
          <dd>
            <code data-testid="bundle-file">
              <UntrustedText text={opened.bundleFile} />
            </code>{' '}
            {opened.alreadyOpen ? '(opened before: your earlier decisions are kept)' : ''}
          </dd>
          <dt>Manifest SHA-256</dt>
          <dd>
            <code className="sha">{opened.manifestSha256}</code>
          </dd>
          <dt>Policy</dt>
          <dd data-testid="bundle-policy">
            {policy ? (
              <>
                {policy.threshold} of {policy.reviewers.length} reviewers must accept every
                difference:
                <ul className="bundle-review__reviewers">
                  {policy.reviewers.map((reviewer) => (
                    <li key={reviewer.fingerprint}>
                      <UntrustedText text={reviewer.name} />{' '}
                      <Fingerprint value={reviewer.fingerprint} />
                      {reviewer.revoked ? ' (revoked)' : ''}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              'The project names no reviewers: the release manager decides whose decisions count.'
            )}
          </dd>
        </dl>
      </div>
      <ReviewStep
        tag={opened.tag}
        comparisons={null}
        standaloneFooter={<WriteDecisionsPanel bundleFile={opened.bundleFile} />}
      />
    </section>
  );
}
