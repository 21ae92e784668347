import { useState, type ChangeEvent, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FieldNote, fieldNoteId } from '../../components/FieldNote';
import { SubmitWithStatus } from '../../components/SubmitWithStatus';
import { readReviewerKeyFile, ReviewerKeyFileProblem } from './readReviewerKeyFile';
import { useReviewStore } from './reviewStore';

const KEY_FIELD = 'reviewer-key-text';

/**
 * Imports this machine's reviewer key, pasted or read from an armored file.
 * The engine keeps it encrypted and refuses a key without a passphrase, a
 * weak one, or the project's release key. The pasted text stays in this form
 * only, cleared once the engine took it.
 */
export function ImportReviewerKeyForm() {
  const importKey = useReviewStore((state) => state.importReviewerKey);
  const busy = useReviewStore((state) => state.importingReviewerKey);
  const refusal = useReviewStore((state) => state.importReviewerKeyError);
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
      setArmored(await readReviewerKeyFile(file));
      setStatus(`Read ${file.name}; import it below.`);
    } catch (error) {
      setStatus('');
      setProblem(
        error instanceof ReviewerKeyFileProblem
          ? error.message
          : `Could not read ${file.name} from disk.`,
      );
    }
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const key = armored.trim();
    if (key === '') {
      setProblem('Paste your armored secret key, or choose its file.');
      document.getElementById(KEY_FIELD)?.focus();
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
      aria-labelledby="reviewer-key-import-heading"
      noValidate
      onSubmit={(event) => void onSubmit(event)}
      data-testid="reviewer-key-import-form"
    >
      <h4 className="facts__title" id="reviewer-key-import-heading">
        Import your reviewer key
      </h4>
      <div className="field">
        <label className="field__label" htmlFor={KEY_FIELD}>
          Your armored secret key
        </label>
        <textarea
          id={KEY_FIELD}
          className="field__control field__control--mono reviewer-key-import__text"
          rows={4}
          value={armored}
          onChange={(event) => setArmored(event.target.value)}
          spellCheck={false}
          autoComplete="off"
          placeholder="-----BEGIN PGP PRIVATE KEY BLOCK-----"
          aria-invalid={problem ? true : undefined}
          aria-describedby={fieldNoteId(KEY_FIELD, problem)}
          data-testid="reviewer-key-text"
        />
        <FieldNote
          fieldId={KEY_FIELD}
          problem={problem}
          help="Made by: gpg --armor --export-secret-keys FINGERPRINT. It stays encrypted, on this machine."
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="reviewer-key-file">
          Or an armored key file
        </label>
        <input
          id="reviewer-key-file"
          className="field__file"
          type="file"
          accept=".asc,.key,.txt,application/pgp-keys"
          onChange={(event) => void onFile(event)}
          data-testid="reviewer-key-file"
        />
      </div>
      {refusal ? <ErrorAlert error={refusal} title="Your reviewer key was not imported" /> : null}
      <SubmitWithStatus
        busy={busy}
        label="Import reviewer key"
        busyLabel="Importing…"
        status={status}
        testId="reviewer-key-import"
      />
    </form>
  );
}
