import type { ReactNode } from 'react';
import { FieldNote, fieldNoteId } from '../../components/FieldNote';
import type { SetupField } from '../setupAnswers';
import { useSetupStore } from '../setupStore';

/**
 * A labelled text field of the wizard, its problem (from the wizard's checks)
 * or its help under it and tied to it for screen readers.
 */
export function TextField(props: {
  id: SetupField;
  label: string;
  value: string;
  onChange: (value: string) => void;
  help: ReactNode;
  optional?: boolean;
  mono?: boolean;
  placeholder?: string;
  className?: string;
}) {
  const problem = useSetupStore((state) => state.problems[props.id]);
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label className="field__label" htmlFor={props.id}>
        {props.label}
        {props.optional ? <span className="field__optional"> (optional)</span> : null}
      </label>
      <input
        id={props.id}
        className={`field__control${props.mono ? ' field__control--mono' : ''}`}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        placeholder={props.placeholder}
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        aria-invalid={problem ? true : undefined}
        aria-describedby={fieldNoteId(props.id, problem)}
      />
      <FieldNote fieldId={props.id} problem={problem} help={props.help} />
    </div>
  );
}
