import type { KeySummary } from '../../../../shared/signers';
import { DateTime } from '../../components/DateTime';
import { UntrustedText } from '../../components/UntrustedText';
import { isPast } from '../../format/dateTime';

/** The facts that decide whether a key may vouch for a tag: algorithm, lifetime, revocation, use. */
export function KeyFacts({ keyInfo }: { keyInfo: KeySummary }) {
  const expired = keyInfo.expiresAt !== null && isPast(keyInfo.expiresAt);
  return (
    <dl className="key-facts">
      <dt>Algorithm</dt>
      <dd>
        <UntrustedText text={keyInfo.algorithm} />
      </dd>

      <dt>Created</dt>
      <dd>
        <DateTime iso={keyInfo.createdAt} />
      </dd>

      <dt>Expires</dt>
      <dd>
        {keyInfo.expiresAt === null ? 'never' : <DateTime iso={keyInfo.expiresAt} />}
        {expired ? <span className="badge badge--failed key-facts__badge">expired</span> : null}
      </dd>

      <dt>Revoked</dt>
      <dd>
        {keyInfo.revoked ? (
          <>
            <span className="badge badge--failed">revoked</span>{' '}
            <UntrustedText text={keyInfo.revocationReason ?? 'no reason given'} />
          </>
        ) : (
          'no'
        )}
      </dd>

      <dt>Signs</dt>
      <dd>{keyInfo.canSign ? 'yes' : 'no (cannot sign tags itself)'}</dd>
    </dl>
  );
}
