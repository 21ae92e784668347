import type { ReviewerDecision, SignatureStatus } from '../../../../shared/reviewers';
import { DateTime } from '../../components/DateTime';
import { Fingerprint } from '../../components/Fingerprint';
import { UntrustedText } from '../../components/UntrustedText';
import { STATUS_ICON, STATUS_LABEL } from './reviewText';

/** Whether a decision's signature holds, in words (never colour alone). */
export const SIGNATURE_TEXT: Record<SignatureStatus, string> = {
  valid: 'signature valid',
  invalid: 'INVALID signature',
  unsigned: 'unsigned',
  'unknown-key': 'unknown key',
  revoked: 'revoked reviewer',
};

const SIGNATURE_ICON: Record<SignatureStatus, string> = {
  valid: '✓',
  invalid: '⚠',
  unsigned: '○',
  'unknown-key': '?',
  revoked: '⊘',
};

/** Whether a decision is this machine's reviewer's own. */
export const isOwnDecision = (decision: ReviewerDecision, ownFingerprint: string | null) =>
  ownFingerprint !== null && decision.fingerprint === ownFingerprint;

/** Who made one decision: the reviewer and their key, or the OS user of an unsigned one. */
function Reviewer({ decision }: { decision: ReviewerDecision }) {
  if (decision.fingerprint === null) {
    return (
      <span data-testid="reviewer-decision-who">
        unsigned — <UntrustedText text={decision.actor} />
      </span>
    );
  }
  return (
    <span data-testid="reviewer-decision-who">
      <strong>
        <UntrustedText text={decision.reviewer ?? 'a reviewer without a name'} />
      </strong>{' '}
      <Fingerprint value={decision.fingerprint} testId="reviewer-decision-fingerprint" />
    </span>
  );
}

/**
 * Every reviewer's current decision on one difference, oldest first: who (by
 * name and key), which way, why, when, and whether its signature holds. A
 * reviewer's new decision replaces only their own, which the list says.
 */
export function ReviewerDecisions({
  decisions,
  ownFingerprint,
}: {
  decisions: readonly ReviewerDecision[];
  /** This machine's reviewer key, to mark "your decision"; null without one. */
  ownFingerprint: string | null;
}) {
  const ownIsListed = decisions.some((decision) => isOwnDecision(decision, ownFingerprint));
  return (
    <section
      className="reviewer-decisions"
      aria-labelledby="reviewer-decisions-heading"
      data-testid="reviewer-decisions"
    >
      <h4 className="reviewer-decisions__title" id="reviewer-decisions-heading">
        Every reviewer’s decision ({decisions.length})
      </h4>
      <ol className="reviewer-decisions__list">
        {decisions.map((decision, index) => {
          const own = isOwnDecision(decision, ownFingerprint);
          return (
            <li
              key={`${decision.fingerprint ?? decision.actor}-${index}`}
              className={`reviewer-decision review-decision--${decision.decision}${own ? ' reviewer-decision--own' : ''}`}
              data-testid="reviewer-decision"
              data-decision={decision.decision}
              data-signature={decision.signature}
              data-own={own}
              data-fingerprint={decision.fingerprint ?? undefined}
            >
              <p className="reviewer-decision__line">
                <span className="review-decision__icon" aria-hidden="true">
                  {STATUS_ICON[decision.decision]}
                </span>
                <strong>{STATUS_LABEL[decision.decision]}</strong> by{' '}
                <Reviewer decision={decision} />
                {own ? (
                  <span
                    className="badge reviewer-decision__own"
                    data-testid="reviewer-decision-own"
                  >
                    your decision
                  </span>
                ) : null}
              </p>
              <p className="reviewer-decision__meta">
                <span
                  className={`reviewer-decision__signature reviewer-signature--${decision.signature}`}
                  data-testid="reviewer-decision-signature"
                >
                  <span aria-hidden="true">{SIGNATURE_ICON[decision.signature]}</span>{' '}
                  {SIGNATURE_TEXT[decision.signature]}
                </span>
                {' · '}
                <DateTime iso={decision.at} />
                {decision.rule ? (
                  <>
                    {' · by the rule '}
                    <code>
                      <UntrustedText text={decision.rule} />
                    </code>
                  </>
                ) : null}
              </p>
              {decision.comment ? (
                <p className="review-decision__comment" data-testid="reviewer-decision-comment">
                  <UntrustedText text={decision.comment} />
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      <p className="reviewer-decisions__note">
        {ownIsListed
          ? 'A new decision replaces only yours; the others’ stand.'
          : 'A decision you record joins these; it replaces none of them.'}
      </p>
    </section>
  );
}
