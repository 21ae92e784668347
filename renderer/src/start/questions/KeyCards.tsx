import { Fingerprint } from '../../components/Fingerprint';
import { UntrustedText } from '../../components/UntrustedText';
import type { TrustedSigner } from '../../../../shared/signers';

/** Each key read, as a person checks it before trusting it: fingerprint in fours, user IDs. */
export function KeyCards({ keys }: { keys: TrustedSigner[] }) {
  return (
    <ul className="key-cards" aria-label="Keys read">
      {keys.map((key) => (
        <li key={key.fingerprint} className="key-cards__key" data-testid="read-key">
          <p className="key-cards__line">
            <span className="key-cards__label">Fingerprint</span>{' '}
            <Fingerprint value={key.fingerprint} testId="read-key-fingerprint" />
          </p>
          <ul className="key-cards__uids" aria-label="User IDs">
            {key.userIds.length === 0 ? <li>No user ID</li> : null}
            {key.userIds.map((userId) => (
              <li key={userId} data-testid="read-key-user-id">
                <UntrustedText text={userId} />
              </li>
            ))}
          </ul>
          {key.subkeys.length > 0 ? (
            <p className="key-cards__subkeys">
              {key.subkeys.length} {key.subkeys.length === 1 ? 'subkey' : 'subkeys'}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
