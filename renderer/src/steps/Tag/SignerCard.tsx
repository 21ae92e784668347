import type { TrustedSigner } from '../../../../shared/signers';
import { Fingerprint } from '../../components/Fingerprint';
import { UntrustedText } from '../../components/UntrustedText';
import { KeyFacts } from './KeyFacts';
import { RemoveSignerControl } from './RemoveSignerControl';

/** One trusted key: who it claims to be, its fingerprint, its facts and its subkeys. */
export function SignerCard({ signer }: { signer: TrustedSigner }) {
  const name = signer.userIds[0] ?? 'a key without user ID';
  return (
    <li className="signer-card" data-testid="trusted-signer" data-fingerprint={signer.fingerprint}>
      <ul className="signer-card__uids" aria-label="User IDs">
        {signer.userIds.length === 0 ? <li className="signer-card__uid">(no user ID)</li> : null}
        {signer.userIds.map((userId, index) => (
          <li key={index} className="signer-card__uid">
            <UntrustedText text={userId} />
          </li>
        ))}
      </ul>
      <div className="key">
        <p className="key__role">Primary key</p>
        <Fingerprint value={signer.fingerprint} testId="trusted-signer-fingerprint" />
        <KeyFacts keyInfo={signer} />
      </div>
      {signer.subkeys.length > 0 ? (
        <ul className="subkey-list" aria-label={`Subkeys of ${name}`}>
          {signer.subkeys.map((subkey) => (
            <li key={subkey.fingerprint} className="key key--sub" data-testid="trusted-subkey">
              <p className="key__role">Subkey</p>
              <Fingerprint value={subkey.fingerprint} />
              <KeyFacts keyInfo={subkey} />
            </li>
          ))}
        </ul>
      ) : null}
      <RemoveSignerControl fingerprint={signer.fingerprint} name={name} />
    </li>
  );
}
