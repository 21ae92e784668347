import { UntrustedText } from '../../components/UntrustedText';
import { Fingerprint } from '../../components/Fingerprint';
import type { SuiteVerification } from '../../../../shared/verify';
import { ProblemList } from './ProblemList';

const SIGNATURE_BADGE = { verified: 'succeeded', failed: 'failed', missing: 'cancelled' } as const;

/** A suite's signature files, the problems of its Release, and the indexes that do not hold. */
export function SuiteChecks({ suite }: { suite: SuiteVerification }) {
  const badIndexes = suite.indexes.filter((index) => index.status !== 'verified');
  return (
    <div className="qa-suite__checks">
      <ul className="qa-list" aria-label="Signatures">
        {suite.signatures.map((check) => (
          <li
            key={check.file}
            className="qa-signature"
            data-testid="verify-repo-signature"
            data-file={check.file}
            data-status={check.status}
          >
            <span className="qa-signature__file">{check.file}</span>{' '}
            <span className={`badge badge--${SIGNATURE_BADGE[check.status]}`}>{check.status}</span>
            {check.signedBy.map((fingerprint) => (
              <span key={fingerprint} className="qa-signature__key">
                {' '}
                by <Fingerprint value={fingerprint} />
              </span>
            ))}
            {check.problem ? (
              <p className="qa-problem">
                <UntrustedText text={check.problem} />
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      <ProblemList
        problems={suite.releaseProblems}
        label="Problems of the Release file"
        testId="verify-repo-release-problem"
      />
      <p className="qa-suite__indexes" data-testid="verify-repo-indexes">
        {badIndexes.length === 0
          ? `${suite.indexes.length} index ${suite.indexes.length === 1 ? 'file matches' : 'files match'} the signed Release.`
          : `${badIndexes.length} of ${suite.indexes.length} index files do not match the signed Release:`}
      </p>
      {badIndexes.length > 0 ? (
        <ul className="qa-list" aria-label="Index problems">
          {badIndexes.map((index) => (
            <li
              key={index.path}
              className="qa-problem"
              data-testid="verify-repo-index-problem"
              data-status={index.status}
            >
              <code>
                <UntrustedText text={index.path} />
              </code>{' '}
              {index.status}
              {index.problem ? (
                <>
                  : <UntrustedText text={index.problem} />
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
