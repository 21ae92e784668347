import { useState, type KeyboardEvent } from 'react';
import { FieldNote, fieldNoteId } from '../../components/FieldNote';
import { UntrustedText } from '../../components/UntrustedText';
import type { KeySource } from '../../../../shared/projectSetup';
import { describeKeySource, keySourceFrom } from '../setupAnswers';

const KINDS: { kind: KeySource['kind']; label: string; field: string; help: string }[] = [
  {
    kind: 'file',
    label: 'Key file',
    field: 'Path of the key file',
    help: 'An armored (.asc) or binary (.gpg) public key, on the machine running Countersign.',
  },
  {
    kind: 'gpg',
    label: 'GnuPG fingerprint',
    field: 'Fingerprint in your GnuPG keyring',
    help: 'Exported from your own keyring with gpg --export; 40 hex digits, spaces are fine.',
  },
  {
    kind: 'armored',
    label: 'Pasted key',
    field: 'Armored public key',
    help: 'Paste the whole block, from -----BEGIN PGP PUBLIC KEY BLOCK----- to its END line.',
  },
];

/**
 * Adds keys by file path, by fingerprint in the user's GnuPG keyring, or
 * pasted, and lists those added. Enter in the one-line field adds the key
 * (it never submits the question around it).
 */
export function KeySourceEditor(props: {
  /** The value field's id is `${idPrefix}-value`. */
  idPrefix: 'setup-signer' | 'setup-ci-key';
  legend: string;
  keys: KeySource[];
  onAdd: (key: KeySource) => void;
  onRemove: (index: number) => void;
  /** A problem the wizard's checks found with the list (none added…). */
  problem: string | undefined;
}) {
  const [kind, setKind] = useState<KeySource['kind']>('file');
  const [value, setValue] = useState('');
  const [ownProblem, setOwnProblem] = useState<string | undefined>(undefined);
  const fieldId = `${props.idPrefix}-value`;
  const chosen = KINDS.find((option) => option.kind === kind) ?? KINDS[0]!;
  const problem = ownProblem ?? props.problem;

  const add = () => {
    const read = keySourceFrom(kind, value);
    if ('problem' in read) {
      setOwnProblem(read.problem);
      document.getElementById(fieldId)?.focus();
      return;
    }
    setOwnProblem(undefined);
    setValue('');
    props.onAdd(read.source);
  };
  const onEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    add();
  };
  const control = {
    id: fieldId,
    className: 'field__control field__control--mono',
    value,
    spellCheck: false,
    autoComplete: 'off',
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': fieldNoteId(fieldId, problem),
  } as const;

  return (
    <div className="key-editor">
      <fieldset className="key-editor__kinds">
        <legend className="field__label">{props.legend}</legend>
        {KINDS.map((option) => (
          <label key={option.kind} className="key-editor__kind">
            <input
              type="radio"
              name={`${props.idPrefix}-kind`}
              value={option.kind}
              checked={kind === option.kind}
              onChange={() => {
                setKind(option.kind);
                setOwnProblem(undefined);
              }}
            />
            {option.label}
          </label>
        ))}
      </fieldset>
      <div className="setup-row">
        <div className="field setup-row__grow">
          <label className="field__label" htmlFor={fieldId}>
            {chosen.field}
          </label>
          {kind === 'armored' ? (
            <textarea
              {...control}
              rows={5}
              placeholder="-----BEGIN PGP PUBLIC KEY BLOCK-----"
              onChange={(event) => setValue(event.target.value)}
            />
          ) : (
            <input
              {...control}
              onChange={(event) => setValue(event.target.value)}
              onKeyDown={onEnter}
            />
          )}
          <FieldNote fieldId={fieldId} problem={problem} help={chosen.help} />
        </div>
        <button
          type="button"
          className="button setup-row__button"
          onClick={add}
          data-testid={`${props.idPrefix}-add`}
        >
          Add key
        </button>
      </div>
      {props.keys.length > 0 ? (
        <ul className="key-editor__list" aria-label="Keys added">
          {props.keys.map((key, index) => (
            <li key={`${index}-${describeKeySource(key)}`} className="key-editor__item">
              <span className="key-editor__source" data-testid={`${props.idPrefix}-source`}>
                <UntrustedText text={describeKeySource(key)} />
              </span>
              <button
                type="button"
                className="button button--quiet button--danger-text"
                onClick={() => props.onRemove(index)}
                aria-label={`Remove ${describeKeySource(key)}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
