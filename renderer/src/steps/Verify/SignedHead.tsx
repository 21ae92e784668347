import type { AuditHistoryView } from '../../../../shared/audit';
import { DateTime } from '../../components/DateTime';
import { Fingerprint } from '../../components/Fingerprint';
import { UntrustedText } from '../../components/UntrustedText';
import { headState } from './verifyText';

/** The log's head signed at promotion, checked with the release key. */
export function SignedHead({ head }: { head: AuditHistoryView['head'] }) {
  const state = headState(head);
  return (
    <div className={`qa-head qa-head--${state}`} data-testid="audit-head" data-state={state}>
      <strong>Signed head: </strong>
      {head === null ? (
        'none yet. The head of the log is signed when the release is promoted.'
      ) : head.verified ? (
        <>
          verified by the release key
          {head.signedBy.map((fingerprint) => (
            <span key={fingerprint}>
              {' '}
              <Fingerprint value={fingerprint} />
            </span>
          ))}
          {head.signedAt ? (
            <>
              , signed <DateTime iso={head.signedAt} />
            </>
          ) : null}
          ;{' '}
          <span data-testid="audit-head-appended" data-count={head.appendedAfter}>
            {head.appendedAfter === 1
              ? '1 entry appended since'
              : `${head.appendedAfter} entries appended since`}
          </span>
          .
        </>
      ) : (
        <>
          not verified: <UntrustedText text={head.problem ?? 'no reason given'} />
        </>
      )}
    </div>
  );
}
