import type { AppError } from '../../../shared/errors';

interface ErrorAlertProps {
  error: AppError;
  /** Names what was being attempted, e.g. "Could not verify the tag". */
  title: string;
  onDismiss?: () => void;
  /** The hint holds log lines (a failed build's tail): kept preformatted. */
  hintIsLog?: boolean;
}

/** An error from the engine or the transport: what happened, what to do, and its stable code. */
export function ErrorAlert({ error, title, onDismiss, hintIsLog = false }: ErrorAlertProps) {
  return (
    <div
      className="alert alert--error"
      role="alert"
      data-testid="error-alert"
      data-code={error.code}
    >
      <div className="alert__body">
        <p className="alert__title">{title}</p>
        <p className="alert__message">{error.message}</p>
        {error.hint && hintIsLog ? (
          <pre className="alert__log" data-testid="error-hint">
            {error.hint}
          </pre>
        ) : null}
        {error.hint && !hintIsLog ? <p className="alert__hint">{error.hint}</p> : null}
        <p className="alert__code">
          Code <code>{error.code}</code>
        </p>
      </div>
      {onDismiss ? (
        <button type="button" className="button button--quiet alert__dismiss" onClick={onDismiss}>
          Dismiss
        </button>
      ) : null}
    </div>
  );
}
