import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PublicationInfo } from '../../../../shared/promote';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UntrustedText } from '../../components/UntrustedText';
import { usePromoteStore } from './promoteStore';
import { describePublication } from './publicationText';

type Focus = 'start' | 'keep' | 'outcome' | null;

/**
 * "Roll back to the previous publication", asked twice (and offered once: after
 * it, the plan made again shows where apt-prod stands): the question names
 * the publication apt-prod would serve again, focus lands on "Keep" (so a
 * stray Enter changes nothing), and Escape backs out.
 */
export function RollbackControl({
  tag,
  previous,
}: {
  tag: string;
  previous: PublicationInfo | null;
}) {
  const rollback = usePromoteStore((state) => state.publication.rollback);
  const rollingBack = usePromoteStore((state) => state.publication.rollingBack);
  const publishing = usePromoteStore((state) => state.publication.running);
  const error = usePromoteStore((state) => state.publication.rollbackError);
  const done = usePromoteStore((state) => state.publication.rollbackResult);
  const dismissError = usePromoteStore((state) => state.publication.dismissRollbackError);
  const [confirming, setConfirming] = useState(false);
  const focusNext = useRef<Focus>(null);
  // A rollback was asked for here: when it ends, focus goes to its outcome (or back to the button).
  const awaiting = useRef(false);
  const start = useRef<HTMLButtonElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const outcome = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (awaiting.current && !rollingBack) {
      awaiting.current = false;
      focusNext.current = done ? 'outcome' : 'start';
    }
    const target = focusNext.current;
    focusNext.current = null;
    if (target !== null) ({ start, keep, outcome })[target].current?.focus();
  });

  const ask = () => {
    if (rollingBack || publishing) return;
    focusNext.current = 'keep';
    setConfirming(true);
  };
  const backOut = () => {
    focusNext.current = 'start';
    setConfirming(false);
  };
  const confirm = () => {
    setConfirming(false);
    awaiting.current = true;
    void rollback(tag);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      backOut();
    }
  };

  return (
    <div className="promote-rollback" data-testid="promote-rollback">
      <p
        className="promote-rollback__outcome"
        role="status"
        tabIndex={-1}
        ref={outcome}
        data-testid="promote-rollback-outcome"
      >
        {done ? (
          <span data-testid="promote-rollback-done">
            Rolled back: apt-prod serves publication <UntrustedText text={done.to.id} /> again
            instead of <UntrustedText text={done.from.id} />.
          </span>
        ) : null}
      </p>
      {error ? (
        <ErrorAlert error={error} title="Could not roll back" onDismiss={dismissError} />
      ) : null}
      {done ? null : previous === null ? (
        <p className="facts__aside">apt-prod has no earlier publication to roll back to.</p>
      ) : confirming ? (
        <div
          className="promote-rollback__confirm"
          role="group"
          aria-labelledby="promote-rollback-question"
          onKeyDown={onKeyDown}
        >
          <p id="promote-rollback-question">
            Switch apt-prod back to publication{' '}
            <UntrustedText text={describePublication(previous)} />? Clients get the packages it
            served at their next update.
          </p>
          <div className="promote-rollback__actions">
            <button
              type="button"
              className="button button--danger"
              data-testid="promote-rollback-confirm"
              onClick={confirm}
            >
              Roll back
            </button>
            <button type="button" className="button" ref={keep} onClick={backOut}>
              Keep the current publication
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="button button--danger-text"
          ref={start}
          data-testid="promote-rollback-start"
          aria-disabled={rollingBack || publishing ? true : undefined}
          onClick={ask}
        >
          {rollingBack ? 'Rolling back…' : 'Roll back to the previous publication'}
        </button>
      )}
    </div>
  );
}
