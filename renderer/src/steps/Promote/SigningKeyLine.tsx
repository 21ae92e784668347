import type { ReleaseKeyInfo } from '../../../../shared/signing';
import { Fingerprint } from '../../components/Fingerprint';
import { UntrustedText } from '../../components/UntrustedText';

/** The exact key that makes the signatures: its fingerprint in full, and what it is. */
export function SigningKeyLine({ info, testId }: { info: ReleaseKeyInfo; testId: string }) {
  const key = info.signingKey;
  return (
    <span className="promote-signing-key">
      <Fingerprint value={key.fingerprint} testId={testId} />
      <span className="facts__aside">
        {key.isSubkey ? 'Signing subkey' : 'The primary key itself'},{' '}
        <UntrustedText text={key.algorithm} />, key ID <code>{key.keyId}</code>
      </span>
    </span>
  );
}
