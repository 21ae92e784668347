import { UntrustedText } from '../../components/UntrustedText';
import type { AttestationsCheck } from '../../../../shared/verify';
import { ProblemList } from './ProblemList';

/**
 * The attestations published beside apt-prod for this release, as an
 * outsider would check them: each file's signature and digest, then whether
 * together they attest exactly what apt-prod serves.
 */
export function AttestationChecks({ attestations }: { attestations: AttestationsCheck | null }) {
  if (attestations === null) return null;
  const verified = attestations.status === 'verified';
  return (
    <div
      className="qa-findings"
      data-testid="verify-repo-attestations"
      data-status={attestations.status}
    >
      <h3 className="facts__title">
        Attestations in{' '}
        <code>
          <UntrustedText text={attestations.folder} />
        </code>{' '}
        <span className={`badge badge--${verified ? 'succeeded' : 'failed'}`}>
          {attestations.status}
        </span>
      </h3>
      <ul className="qa-list" aria-label="Attestation files">
        {attestations.files.map((file) => (
          <li
            key={file.file}
            data-testid="verify-repo-attestation"
            data-status={file.status}
            className={file.status === 'verified' ? undefined : 'qa-problem'}
          >
            <code>
              <UntrustedText text={file.file} />
            </code>{' '}
            {file.status === 'verified' ? (
              <>
                verified, attests{' '}
                {file.subjects.length === 1 ? (
                  <UntrustedText text={file.subjects[0]?.name ?? ''} />
                ) : (
                  `${file.subjects.length} artifacts`
                )}
              </>
            ) : (
              <>
                {file.status}: <UntrustedText text={file.problem ?? ''} />
              </>
            )}
          </li>
        ))}
      </ul>
      <ProblemList
        problems={attestations.problems}
        label="Attestation problems"
        testId="verify-repo-attestation-problem"
      />
    </div>
  );
}
