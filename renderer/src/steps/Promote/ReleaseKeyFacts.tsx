import type { ReleaseKeyInfo } from '../../../../shared/signing';
import { DateTime } from '../../components/DateTime';
import { Fingerprint } from '../../components/Fingerprint';
import { UntrustedText } from '../../components/UntrustedText';
import { isPast } from '../../format/dateTime';
import { SigningKeyLine } from './SigningKeyLine';

/** An expiry date, "never", and a badge once it has passed. */
function Expiry({ iso }: { iso: string | null }) {
  if (iso === null) return <>never</>;
  return (
    <>
      <DateTime iso={iso} />
      {isPast(iso) ? <span className="badge badge--failed facts__badge">expired</span> : null}
    </>
  );
}

/** What a release manager checks before trusting a key with the archive. */
export function ReleaseKeyFacts({ info }: { info: ReleaseKeyInfo }) {
  return (
    <dl className="facts__list" data-testid="promote-key-facts">
      <dt>Fingerprint</dt>
      <dd>
        <Fingerprint value={info.fingerprint} testId="promote-key-fingerprint" />
      </dd>
      <dt>User IDs</dt>
      <dd>
        <ul className="promote-key__uids">
          {info.userIds.map((userId) => (
            <li key={userId} data-testid="promote-key-uid">
              <UntrustedText text={userId} />
            </li>
          ))}
        </ul>
      </dd>
      <dt>Signs with</dt>
      <dd>
        <SigningKeyLine info={info} testId="promote-key-signing-fingerprint" />
      </dd>
      <dt>Algorithm</dt>
      <dd>
        <UntrustedText text={info.signingKey.algorithm} />
      </dd>
      <dt>Created</dt>
      <dd>
        <DateTime iso={info.created} />
      </dd>
      <dt>Expires</dt>
      <dd data-testid="promote-key-expires">
        <Expiry iso={info.expires} />
        {info.signingKey.isSubkey ? (
          <span className="facts__aside">
            Signing subkey: <Expiry iso={info.signingKey.expires} />
          </span>
        ) : null}
      </dd>
      <dt>Passphrase</dt>
      <dd data-testid="promote-key-protected" data-protected={info.protected}>
        {info.protected ? (
          'yes, asked for at each promotion'
        ) : (
          <span className="facts__caution">
            none: anyone who can read the key file can sign as this key
          </span>
        )}
      </dd>
    </dl>
  );
}
