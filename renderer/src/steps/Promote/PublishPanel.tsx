import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { planIsCurrent } from './planningSlice';
import { usePromoteStore } from './promoteStore';
import { writingChanges } from './changeText';
import { PassphraseField } from './PassphraseField';
import { PUBLISH_ERROR_ID, PublishError } from './PublishError';
import { publishReadiness } from './publishReadiness';
import { publishRefusalOf } from './publishRefusal';
import { PublishProgress } from './PublishProgress';
import { SigningKeyLine } from './SigningKeyLine';

/**
 * The last step: the passphrase of the release key, beside the exact key that
 * will sign, and the button that publishes the plan shown (its digest goes
 * with it, so a plan that changed meanwhile is refused). The passphrase lives
 * in this field only: it goes into the one request and the field is emptied.
 */
export function PublishPanel({
  tag,
  resultHeadingRef,
}: {
  tag: string;
  resultHeadingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const plan = usePromoteStore((state) =>
    state.planning.tag === tag ? state.planning.plan : null,
  );
  const planRequest = usePromoteStore((state) => state.planning.planRequest);
  const planCurrent = usePromoteStore((state) => planIsCurrent(state.planning));
  const planning = usePromoteStore((state) => state.planning.running);
  const replan = usePromoteStore((state) => state.planning.replan);
  const publish = usePromoteStore((state) => state.publication.publish);
  const publishing = usePromoteStore((state) => state.publication.running);
  const rollingBack = usePromoteStore((state) => state.publication.rollingBack);
  const error = usePromoteStore((state) => state.publication.error);
  const dismissError = usePromoteStore((state) => state.publication.dismissError);
  const [passphrase, setPassphrase] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const replanButton = useRef<HTMLButtonElement>(null);
  // A publication was asked for here: when it ends, focus goes where the user acts next.
  const awaiting = useRef(false);

  const readiness = publishReadiness({
    plan,
    planCurrent,
    planning,
    busy: publishing || rollingBack,
  });
  const refusal = error ? publishRefusalOf(error) : null;
  const signer = plan?.signer ?? null;
  const count = plan ? writingChanges(plan.changes).length : 0;

  useEffect(() => {
    if (!awaiting.current || publishing) return;
    awaiting.current = false;
    if (refusal === 'passphrase') field.current?.focus();
    else if (refusal === 'replan') replanButton.current?.focus();
    else if (refusal === null) {
      // The result now leads the step: brought to the top and focused, so it is read first.
      const heading = resultHeadingRef.current;
      heading?.closest('section')?.scrollIntoView({ block: 'start' });
      heading?.focus({ preventScroll: true });
    }
  }, [publishing, refusal, resultHeadingRef]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!readiness.ready || plan === null || planRequest === null) return;
    const typed = passphrase;
    setPassphrase('');
    awaiting.current = true;
    void publish({ ...planRequest, passphrase: typed, planDigest: plan.planDigest });
  };

  return (
    <form
      className="panel promote-publish"
      aria-labelledby="promote-publish-heading"
      data-testid="promote-publish"
      noValidate
      autoComplete="off"
      onSubmit={onSubmit}
    >
      <div className="panel__header">
        <h2 className="panel__title" id="promote-publish-heading">
          Sign and publish
        </h2>
      </div>
      {signer ? (
        <div className="promote-publish__key">
          <span className="promote-publish__label">Signs with</span>
          <SigningKeyLine info={signer} testId="promote-publish-signing-fingerprint" />
        </div>
      ) : null}
      {signer?.protected !== false ? (
        <PassphraseField
          value={passphrase}
          onChange={setPassphrase}
          readOnly={publishing}
          refused={refusal === 'passphrase' ? PUBLISH_ERROR_ID : null}
          fieldRef={field}
        />
      ) : (
        <p className="facts__caution">This key has no passphrase: it signs without asking.</p>
      )}
      {error && refusal ? (
        <PublishError
          error={error}
          refusal={refusal}
          replanRef={replanButton}
          onDismiss={dismissError}
          onReplan={() => {
            dismissError();
            void replan();
          }}
        />
      ) : null}
      <div className="promote-publish__actions">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={readiness.ready ? undefined : true}
          aria-describedby={readiness.ready ? undefined : 'promote-publish-why'}
          data-testid="promote-publish-confirm"
        >
          {publishing
            ? 'Publishing…'
            : count === 0
              ? 'Sign and publish'
              : `Sign and publish ${count === 1 ? '1 package' : `${count} packages`}`}
        </button>
        {readiness.ready ? null : (
          <p className="field__help" id="promote-publish-why" data-testid="promote-publish-why">
            {readiness.reason}
          </p>
        )}
      </div>
      {publishing ? <PublishProgress /> : null}
    </form>
  );
}
