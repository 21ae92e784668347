import type { RefObject } from 'react';
import { FieldNote } from '../../components/FieldNote';

const FIELD_ID = 'promote-passphrase';

/**
 * The release key's passphrase: a password field browsers are asked not to
 * fill or remember. When the engine refused it, the refusal (shown under the
 * prompt) describes the field.
 */
export function PassphraseField({
  value,
  onChange,
  readOnly,
  refused,
  fieldRef,
}: {
  value: string;
  onChange: (value: string) => void;
  readOnly: boolean;
  /** The id of the refusal's text, while the engine's refusal of it is shown. */
  refused: string | null;
  fieldRef: RefObject<HTMLInputElement | null>;
}) {
  return (
    <div className="field promote-publish__passphrase">
      <label className="field__label" htmlFor={FIELD_ID}>
        Passphrase of the release key
      </label>
      <input
        id={FIELD_ID}
        ref={fieldRef}
        className="field__control"
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={value}
        readOnly={readOnly}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={refused ? true : undefined}
        aria-describedby={refused ?? `${FIELD_ID}-help`}
        data-testid="promote-passphrase"
      />
      {refused ? null : (
        <FieldNote
          fieldId={FIELD_ID}
          problem={undefined}
          help="Used once, in memory, to sign this publication; never stored or logged."
        />
      )}
    </div>
  );
}
