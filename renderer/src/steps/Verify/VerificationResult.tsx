import type { RefObject } from 'react';
import { DateTime } from '../../components/DateTime';
import { Fingerprint } from '../../components/Fingerprint';
import { UntrustedText } from '../../components/UntrustedText';
import { useVerifyStore } from './verifyStore';
import { AttestationChecks } from './AttestationChecks';
import { RebuildLinkChecks } from './RebuildLinkChecks';
import { FileFindings } from './FileFindings';
import { PackageTable } from './PackageTable';
import { SuiteChecks } from './SuiteChecks';
import { verdictSummary } from './verifyText';

/**
 * The last verification, when it was run without a review or against this
 * tag's: the verdict, the keys it was checked with, each suite's checks, its
 * packages, attestations, stray files.
 */
export function VerificationResult({
  tag,
  headingRef,
}: {
  tag: string | null;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const result = useVerifyStore((state) =>
    state.verification.tag === null || state.verification.tag === tag
      ? state.verification.result
      : null,
  );
  if (result === null) return null;
  const verified = result.status === 'verified';
  return (
    <section
      className="panel qa-result"
      aria-labelledby="qa-result-heading"
      data-testid="verify-repo-result"
      data-status={result.status}
    >
      <div className="panel__header">
        <h2 className="panel__title" id="qa-result-heading" ref={headingRef} tabIndex={-1}>
          Verification of apt-prod
        </h2>
      </div>
      <div
        className={`verdict-banner verdict-banner--${verified ? 'verified' : 'refused'}`}
        data-testid="verify-repo-verdict"
        data-status={result.status}
      >
        <span className="verdict-banner__icon" aria-hidden="true">
          {verified ? '✓' : '✕'}
        </span>
        <div className="verdict-banner__text">
          <p className="verdict-banner__state">{verified ? 'Verified' : 'Failed'}</p>
          <p className="verdict-banner__summary">{verdictSummary(result)}</p>
        </div>
      </div>
      <p className="qa-result__where" data-testid="verify-repo-where">
        <UntrustedText text={result.root} /> checked <DateTime iso={result.checkedAt} />
        {result.reviewDir === null ? ', without a review' : null}
      </p>
      <p className="qa-result__where" data-testid="verify-repo-keys">
        Signatures checked with{' '}
        {result.keys.map((fingerprint, index) => (
          <span key={fingerprint}>
            {index > 0 ? ', ' : null}
            <Fingerprint value={fingerprint} />
          </span>
        ))}
      </p>
      {result.suites.map((suite) => (
        <div className="qa-suite" key={suite.suite} data-testid="verify-repo-suite">
          <h3 className="facts__title">
            Suite <UntrustedText text={suite.suite} />{' '}
            <span
              className={`badge badge--${suite.status === 'verified' ? 'succeeded' : 'failed'}`}
            >
              {suite.status}
            </span>
          </h3>
          <SuiteChecks suite={suite} />
          <PackageTable suite={suite} />
        </div>
      ))}
      <AttestationChecks attestations={result.attestations} />
      <RebuildLinkChecks rebuilds={result.rebuilds} />
      <FileFindings extraFiles={result.extraFiles} unexpected={result.unexpected} />
    </section>
  );
}
