import { useState, type KeyboardEvent, type Ref } from 'react';
import type { Decision, DifferenceNode, ReviewDecision } from '../../../../shared/review';
import { DateTime } from '../../components/DateTime';
import { FieldNote, fieldNoteId } from '../../components/FieldNote';
import { UntrustedText } from '../../components/UntrustedText';
import { useReviewStore } from './reviewStore';
import { STATUS_ICON, STATUS_LABEL } from './reviewText';
import { ReviewerDecisions } from './ReviewerDecisions';
import { isPassphraseRefusal, ReviewerPassphraseField } from './ReviewerPassphraseField';
import { useNeedsReviewerPassphrase } from './useNeedsReviewerPassphrase';

export const PASSPHRASE_FIELD_ID = 'review-passphrase';
export const DECISION_NEEDS_PASSPHRASE =
  'Type your reviewer key’s passphrase: each decision is signed with it.';

export const COMMENT_FIELD_ID = 'review-comment';
export const ACCEPT_NEEDS_COMMENT =
  'Say why this difference is harmless: an accepted difference needs a comment.';

/** The decision on record: which way, by whom, when, why, and the rule that made it. */
function RecordedDecision({ decision }: { decision: ReviewDecision }) {
  return (
    <div
      className={`review-decision review-decision--${decision.decision}`}
      data-testid="review-decision"
      data-decision={decision.decision}
    >
      <p className="review-decision__line">
        <span className="review-decision__icon" aria-hidden="true">
          {STATUS_ICON[decision.decision]}
        </span>
        <strong>{STATUS_LABEL[decision.decision]}</strong> by{' '}
        <span data-testid="review-decision-reviewer">
          <UntrustedText text={decision.reviewer} />
        </span>
        , <DateTime iso={decision.at} />
        {decision.rule ? (
          <>
            {' '}
            by the rule{' '}
            <code>
              <UntrustedText text={decision.rule} />
            </code>
          </>
        ) : null}
      </p>
      {decision.comment ? (
        <p className="review-decision__comment" data-testid="review-decision-comment">
          <UntrustedText text={decision.comment} />
        </p>
      ) : null}
    </div>
  );
}

interface DecisionPanelProps {
  node: DifferenceNode;
  decision: ReviewDecision | undefined;
  /** The decision the keyboard asked for (a or b): Enter in the comment box confirms it. */
  intent: Decision | null;
  onIntent: (intent: Decision | null) => void;
  commentRef: Ref<HTMLTextAreaElement>;
  /** After a decision was recorded, or Escape: focus goes back to the tree. */
  onDone: () => void;
}

/**
 * Accept (with a comment saying why the difference is harmless) or block (a
 * comment is optional) one difference. The decision on record is shown above;
 * a new one replaces it in the audit log, never edits it.
 */
export function DecisionPanel({
  node,
  decision,
  intent,
  onIntent,
  commentRef,
  onDone,
}: DecisionPanelProps) {
  const decide = useReviewStore((state) => state.decide);
  const deciding = useReviewStore((state) => state.deciding);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const needsPassphrase = useNeedsReviewerPassphrase();
  const ownFingerprint = useReviewStore((state) => state.reviewerKey?.fingerprint ?? null);
  const decideError = useReviewStore((state) => state.decideError);
  // Kept here, for one request: never in the store, cleared once the engine answered.
  const [passphrase, setPassphrase] = useState('');
  const [passphraseProblem, setPassphraseProblem] = useState<string | undefined>(undefined);
  const refusal = isPassphraseRefusal(decideError) ? decideError?.message : undefined;

  const submit = async (choice: Decision) => {
    if (deciding) return;
    if (choice === 'accepted' && comment.trim() === '') {
      setProblem(ACCEPT_NEEDS_COMMENT);
      onIntent('accepted');
      document.getElementById(COMMENT_FIELD_ID)?.focus();
      return;
    }
    setProblem(undefined);
    if (needsPassphrase && passphrase === '') {
      setPassphraseProblem(DECISION_NEEDS_PASSPHRASE);
      onIntent(choice);
      document.getElementById(PASSPHRASE_FIELD_ID)?.focus();
      return;
    }
    setPassphraseProblem(undefined);
    const given = needsPassphrase ? passphrase : undefined;
    setPassphrase('');
    if (await decide(choice, comment.trim(), { differenceIds: [node.id] }, given)) {
      setComment('');
      onIntent(null);
      onDone();
    } else if (needsPassphrase) {
      document.getElementById(PASSPHRASE_FIELD_ID)?.focus();
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onIntent(null);
      onDone();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.altKey) return;
    // Enter confirms the decision asked for with a or b; Ctrl+Enter (⌘+Enter) confirms it too.
    if (intent === null) return;
    event.preventDefault();
    void submit(intent);
  };

  const hint =
    intent === 'accepted'
      ? 'Enter accepts · Shift+Enter for a new line · Esc goes back'
      : intent === 'blocking'
        ? 'Enter blocks (the comment is optional) · Shift+Enter for a new line · Esc goes back'
        : 'Why is this difference harmless, or why must it block the release?';

  return (
    <section className="review-decide" aria-label="Decision" data-testid="review-decide">
      {decision ? <RecordedDecision decision={decision} /> : null}
      {decision?.decisions && decision.decisions.length > 0 ? (
        <ReviewerDecisions decisions={decision.decisions} ownFingerprint={ownFingerprint} />
      ) : null}
      <div className="field">
        <label className="field__label" htmlFor={COMMENT_FIELD_ID}>
          {decision ? 'Decide again' : 'Comment'}{' '}
          <span className="field__optional">(needed to accept)</span>
        </label>
        <textarea
          id={COMMENT_FIELD_ID}
          ref={commentRef}
          className="field__control review-decide__comment"
          rows={3}
          value={comment}
          onChange={(event) => {
            setComment(event.target.value);
            if (problem && event.target.value.trim() !== '') setProblem(undefined);
          }}
          onKeyDown={onKeyDown}
          aria-invalid={problem ? true : undefined}
          aria-describedby={fieldNoteId(COMMENT_FIELD_ID, problem)}
          data-testid="review-comment"
          data-intent={intent ?? undefined}
          spellCheck
        />
        <FieldNote fieldId={COMMENT_FIELD_ID} problem={problem} help={hint} />
      </div>
      {needsPassphrase ? (
        <ReviewerPassphraseField
          id={PASSPHRASE_FIELD_ID}
          value={passphrase}
          onChange={(value) => {
            setPassphrase(value);
            if (value !== '') setPassphraseProblem(undefined);
          }}
          onEnter={intent === null ? undefined : () => void submit(intent)}
          refusal={passphraseProblem ?? refusal}
        />
      ) : null}
      <div className="review-decide__actions">
        <button
          type="button"
          className={`button${intent === 'accepted' ? ' button--primary' : ''}`}
          data-testid="review-accept"
          aria-disabled={deciding ? true : undefined}
          onClick={() => void submit('accepted')}
        >
          <span aria-hidden="true">✓</span> Accept
        </button>
        <button
          type="button"
          className={`button${intent === 'blocking' ? ' button--danger' : ' button--danger-text'}`}
          data-testid="review-block"
          aria-disabled={deciding ? true : undefined}
          onClick={() => void submit('blocking')}
        >
          <span aria-hidden="true">✗</span> Block
        </button>
        {deciding ? (
          <span className="review-decide__busy" role="status">
            Recording…
          </span>
        ) : null}
      </div>
    </section>
  );
}
