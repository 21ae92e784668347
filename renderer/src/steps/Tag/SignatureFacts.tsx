import type { TagSignature, TagSigner } from '../../../../shared/tags';
import { DateTime } from '../../components/DateTime';
import { SignerFacts } from './SignerFacts';

const FORMAT_LABEL: Record<TagSignature['format'], string> = {
  openpgp: 'OpenPGP',
  ssh: 'SSH',
  x509: 'X.509 (S/MIME)',
  none: 'none',
};

/** How the tag was signed, and by which trusted key. */
export function SignatureFacts({
  signature,
  signer,
}: {
  signature: TagSignature;
  signer: TagSigner | null;
}) {
  return (
    <section className="facts" aria-labelledby="signature-facts-heading">
      <h3 className="facts__title" id="signature-facts-heading">
        Signature
      </h3>
      <dl className="facts__list">
        <dt>Format</dt>
        <dd>{FORMAT_LABEL[signature.format]}</dd>

        <dt>Made</dt>
        <dd data-testid="signature-created">
          {signature.createdAt ? <DateTime iso={signature.createdAt} /> : 'not stated'}
        </dd>

        <dt>Hash</dt>
        <dd data-testid="signature-hash">{signature.hashAlgorithm ?? 'not stated'}</dd>

        <dt>Issuer key ID</dt>
        <dd>
          {signature.issuerKeyId ? (
            <code className="sha">{signature.issuerKeyId}</code>
          ) : (
            'not stated'
          )}
        </dd>
      </dl>
      <SignerFacts signer={signer} />
    </section>
  );
}
