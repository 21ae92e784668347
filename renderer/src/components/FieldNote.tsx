import type { ReactNode } from 'react';

/** The id of the note under a field, for the field's aria-describedby. */
export function fieldNoteId(fieldId: string, problem: string | undefined): string {
  return problem ? `${fieldId}-problem` : `${fieldId}-help`;
}

/** Under a form field: what is wrong with it when something is, else how to fill it. */
export function FieldNote({
  fieldId,
  problem,
  help,
}: {
  fieldId: string;
  problem: string | undefined;
  help: ReactNode;
}) {
  return problem ? (
    <p className="field__problem" id={fieldNoteId(fieldId, problem)}>
      {problem}
    </p>
  ) : (
    <p className="field__help" id={fieldNoteId(fieldId, problem)}>
      {help}
    </p>
  );
}
