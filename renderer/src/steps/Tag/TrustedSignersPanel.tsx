import { ErrorAlert } from '../../components/ErrorAlert';
import { useReleaseStore } from '../../stores/releaseStore';
import { ImportSignerForm } from './ImportSignerForm';
import { SignerCard } from './SignerCard';
import { SIGNERS_HEADING_ID } from './signersHeading';

/** The project's trust list: who may sign release tags, and the way to change it. */
export function TrustedSignersPanel() {
  const signers = useReleaseStore((state) => state.project?.trustedSigners ?? null);
  const error = useReleaseStore((state) => state.errors.signers);
  const dismissError = useReleaseStore((state) => state.dismissError);

  return (
    <section className="panel signers" aria-labelledby={SIGNERS_HEADING_ID}>
      <div>
        <div className="panel__header">
          <h2 className="panel__title" id={SIGNERS_HEADING_ID} tabIndex={-1}>
            Trusted signers
          </h2>
          {signers ? (
            <span className="panel__count">
              {signers.length === 1 ? '1 key' : `${signers.length} keys`}
            </span>
          ) : null}
        </div>
        <p className="panel__intro">
          A release tag must be signed by one of these keys or their subkeys. Check each fingerprint
          with its owner, in person or by a channel you trust.
        </p>
      </div>
      {error ? (
        <ErrorAlert
          error={error}
          title="Could not change the trust list"
          onDismiss={() => dismissError('signers')}
        />
      ) : null}
      {signers && signers.length === 0 ? (
        <p className="signers__empty">
          No trusted signers yet, so every tag will be refused. Import the maintainer’s public key
          below.
        </p>
      ) : null}
      {signers && signers.length > 0 ? (
        <ul className="signer-list">
          {signers.map((signer) => (
            <SignerCard key={signer.fingerprint} signer={signer} />
          ))}
        </ul>
      ) : null}
      <ImportSignerForm />
    </section>
  );
}
