import type { RefObject } from 'react';
import type { AppError } from '../../../../shared/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { PublishRefusal } from './publishRefusal';

/** The refusal's element, which describes the passphrase field when the passphrase was refused. */
export const PUBLISH_ERROR_ID = 'promote-publish-error';

/** Why nothing was published, in the engine's words, and for a changed plan the way to a new one. */
export function PublishError({
  error,
  refusal,
  replanRef,
  onDismiss,
  onReplan,
}: {
  error: AppError;
  refusal: PublishRefusal;
  replanRef: RefObject<HTMLButtonElement | null>;
  onDismiss: () => void;
  onReplan: () => void;
}) {
  return (
    <div id={PUBLISH_ERROR_ID} className="promote-publish__error">
      <ErrorAlert
        error={error}
        title={
          refusal === 'passphrase'
            ? 'The passphrase was refused; nothing was published'
            : 'Nothing was published'
        }
        onDismiss={onDismiss}
      />
      {refusal === 'replan' ? (
        <button
          type="button"
          className="button"
          ref={replanRef}
          data-testid="promote-publish-replan"
          onClick={onReplan}
        >
          Plan again, then read the new plan
        </button>
      ) : null}
    </div>
  );
}
