import type { AppError } from '../../../../shared/errors';
import { FieldNote } from '../../components/FieldNote';

/** The engine's answer to a passphrase that did not unlock the reviewer key. */
export const isPassphraseRefusal = (error: AppError | null) =>
  error !== null && (error.code === 'WRONG_PASSPHRASE' || error.code === 'NO_REVIEWER_KEY');

/**
 * The reviewer key's passphrase, for one request: a password field browsers
 * are asked neither to fill nor remember. Its value lives in the form that
 * shows it, cleared after each request; the engine's refusal sits beside it.
 */
export function ReviewerPassphraseField({
  id,
  value,
  onChange,
  onEnter,
  refusal,
  help = 'Unlocks your reviewer key, in memory, to sign this decision; never stored or logged.',
  testId = 'review-passphrase',
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** What Enter in the field does (confirms the decision asked for), if anything. */
  onEnter?: (() => void) | undefined;
  /** The engine's refusal of the last passphrase (WRONG_PASSPHRASE), shown beside the field. */
  refusal: string | undefined;
  help?: string;
  testId?: string;
}) {
  return (
    <div className="field review-passphrase">
      <label className="field__label" htmlFor={id}>
        Passphrase of your reviewer key
      </label>
      <input
        id={id}
        className="field__control"
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || !onEnter) return;
          event.preventDefault();
          onEnter();
        }}
        aria-invalid={refusal ? true : undefined}
        aria-describedby={refusal ? `${id}-problem` : `${id}-help`}
        data-testid={testId}
      />
      <FieldNote fieldId={id} problem={refusal} help={help} />
    </div>
  );
}
