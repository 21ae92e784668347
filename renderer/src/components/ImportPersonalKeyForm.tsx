import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { AppError } from '../../../shared/errors';
import { ErrorAlert } from './ErrorAlert';
import { FieldNote, fieldNoteId } from './FieldNote';
import { SubmitWithStatus } from './SubmitWithStatus';
import { KeyFileProblem, readPersonalKeyFile } from './readPersonalKeyFile';

/** Whose key: a reviewer's signs decisions, a rebuilder's its rebuild links. */
export type PersonalKeyRole = 'reviewer' | 'rebuilder';

const SIGNS: Record<PersonalKeyRole, string> = {
  reviewer: 'your decisions',
  rebuilder: 'rebuild links',
};

/**
 * Imports this machine's reviewer or rebuilder key, pasted or read from an
 * armored file. The engine keeps it encrypted and refuses a key without a
 * passphrase, a weak one, or the project's release key. The pasted text
 * stays in this form only, cleared once the engine took it.
 */
export function ImportPersonalKeyForm({
  role,
  importKey,
  busy,
  refusal,
  headingLevel = 4,
}: {
  role: PersonalKeyRole;
  /** The form's heading sits one level under its panel's. */
  headingLevel?: 3 | 4;
  /** True when the engine took the key. */
  importKey: (armored: string) => Promise<boolean>;
  busy: boolean;
  refusal: AppError | null;
}) {
  const keyField = `${role}-key-text`;
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const [armored, setArmored] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState('');

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // so choosing the same file again is noticed
    if (!file) return;
    setProblem(undefined);
    try {
      setArmored(await readPersonalKeyFile(file, SIGNS[role]));
      setStatus(`Read ${file.name}; import it below.`);
    } catch (error) {
      setStatus('');
      setProblem(
        error instanceof KeyFileProblem ? error.message : `Could not read ${file.name} from disk.`,
      );
    }
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const key = armored.trim();
    if (key === '') {
      setProblem('Paste your armored secret key, or choose its file.');
      document.getElementById(keyField)?.focus();
      return;
    }
    setProblem(undefined);
    setStatus('');
    if (await importKey(key)) {
      setArmored('');
      setStatus('Imported. Check its fingerprint above against the one the project pins.');
    }
  };

  return (
    <form
      className="reviewer-key-import"
      aria-labelledby={`${role}-key-import-heading`}
      noValidate
      onSubmit={(event) => void onSubmit(event)}
      data-testid={`${role}-key-import-form`}
    >
      <Heading className="facts__title" id={`${role}-key-import-heading`}>
        Import {role === 'reviewer' ? 'your reviewer key' : 'this machine’s rebuilder key'}
      </Heading>
      <div className="field">
        <label className="field__label" htmlFor={keyField}>
          Your armored secret key
        </label>
        <textarea
          id={keyField}
          className="field__control field__control--mono reviewer-key-import__text"
          rows={4}
          value={armored}
          onChange={(event) => setArmored(event.target.value)}
          spellCheck={false}
          autoComplete="off"
          placeholder="-----BEGIN PGP PRIVATE KEY BLOCK-----"
          aria-invalid={problem ? true : undefined}
          aria-describedby={fieldNoteId(keyField, problem)}
          data-testid={keyField}
        />
        <FieldNote
          fieldId={keyField}
          problem={problem}
          help="Made by: gpg --armor --export-secret-keys FINGERPRINT. It stays encrypted, on this machine."
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${role}-key-file`}>
          Or an armored key file
        </label>
        <input
          id={`${role}-key-file`}
          className="field__file"
          type="file"
          accept=".asc,.key,.txt,application/pgp-keys"
          onChange={(event) => void onFile(event)}
          data-testid={`${role}-key-file`}
        />
      </div>
      {refusal ? <ErrorAlert error={refusal} title={`The ${role} key was not imported`} /> : null}
      <SubmitWithStatus
        busy={busy}
        label={`Import ${role} key`}
        busyLabel="Importing…"
        status={status}
        testId={`${role}-key-import`}
      />
    </form>
  );
}
