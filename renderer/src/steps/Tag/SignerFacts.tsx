import type { TagSigner } from '../../../../shared/tags';
import { Fingerprint } from '../../components/Fingerprint';
import { UntrustedText } from '../../components/UntrustedText';

/** The trusted key behind the signature: the exact (sub)key that signed and the primary key pinned in the trust list. */
export function SignerFacts({ signer }: { signer: TagSigner | null }) {
  return (
    <>
      <h3 className="facts__title facts__title--follow" id="signer-facts-heading">
        Signer
      </h3>
      {signer ? (
        <dl className="facts__list" aria-labelledby="signer-facts-heading">
          <dt>Signing key</dt>
          <dd>
            <Fingerprint value={signer.signingKeyFingerprint} testId="signer-fingerprint" />
            {signer.signingKeyFingerprint !== signer.primaryKeyFingerprint ? (
              <span className="badge facts__badge">subkey</span>
            ) : null}
          </dd>

          <dt>Primary key</dt>
          <dd>
            <Fingerprint value={signer.primaryKeyFingerprint} testId="primary-fingerprint" />
            <span className="badge badge--trusted facts__badge">in trust list</span>
          </dd>

          <dt>User ID</dt>
          <dd data-testid="signer-user-id">
            <UntrustedText text={signer.userId} />
          </dd>
        </dl>
      ) : (
        <p className="facts__empty">No key in this project’s trust list made this signature.</p>
      )}
    </>
  );
}
