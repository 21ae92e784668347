import type { FormEvent, ReactNode } from 'react';
import type { AppError } from '../../../shared/errors';
import { ErrorAlert } from './ErrorAlert';
import { FieldNote, fieldNoteId } from './FieldNote';

/**
 * A start-screen card that opens something by its path on the machine running
 * Countersign (browser mode has no file dialog that could give it): the field,
 * Open, and the engine's refusal under them. An empty path only moves the
 * focus to the field.
 */
export function OpenByPathForm(props: {
  id: string;
  title: string;
  intro?: ReactNode;
  label: string;
  placeholder: string;
  help: string;
  value: string;
  onChange: (value: string) => void;
  onOpen: (path: string) => void;
  busy: boolean;
  busyLabel: string;
  error: AppError | null;
  errorTitle: string;
  onDismiss: () => void;
  testId: string;
}) {
  const { id } = props;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const path = props.value.trim();
    if (path === '') document.getElementById(id)?.focus();
    else props.onOpen(path);
  };
  return (
    <form
      className="panel start-card"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={onSubmit}
      data-testid={`${props.testId}-form`}
    >
      <h3 className="panel__title" id={`${id}-heading`}>
        {props.title}
      </h3>
      {props.intro ? <p className="panel__intro">{props.intro}</p> : null}
      <div className="setup-row">
        <div className="field setup-row__grow">
          <label className="field__label" htmlFor={id}>
            {props.label}
          </label>
          <input
            id={id}
            className="field__control field__control--mono"
            value={props.value}
            onChange={(event) => props.onChange(event.target.value)}
            placeholder={props.placeholder}
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            aria-invalid={props.error ? true : undefined}
            aria-describedby={fieldNoteId(id, undefined)}
            data-testid={`${props.testId}-path`}
          />
          <FieldNote fieldId={id} problem={undefined} help={props.help} />
        </div>
        <button
          type="submit"
          className="button setup-row__button"
          aria-disabled={props.busy ? true : undefined}
          data-testid={props.testId}
        >
          {props.busy ? props.busyLabel : 'Open'}
        </button>
      </div>
      {props.error ? (
        <ErrorAlert error={props.error} title={props.errorTitle} onDismiss={props.onDismiss} />
      ) : null}
    </form>
  );
}
