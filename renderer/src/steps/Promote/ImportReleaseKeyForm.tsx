import { useState, type ChangeEvent, type FormEvent } from 'react';
import { SubmitWithStatus } from '../../components/SubmitWithStatus';
import { FieldNote, fieldNoteId } from '../../components/FieldNote';
import { usePromoteStore } from './promoteStore';
import { CheckField } from './CheckField';
import { readReleaseKeyFile, ReleaseKeyFileProblem } from './readReleaseKeyFile';

const KEY_FIELD = 'promote-key-text';

/**
 * Imports the release key, pasted or read from an armored file. The project
 * keeps it encrypted; a key without a passphrase is refused unless the box
 * below is ticked. The pasted text stays in this form only, cleared once the
 * engine took it.
 */
export function ImportReleaseKeyForm() {
  const importKey = usePromoteStore((state) => state.planning.importKey);
  const busy = usePromoteStore((state) => state.planning.importingKey);
  const [armored, setArmored] = useState('');
  const [allowUnprotected, setAllowUnprotected] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState('');

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // so choosing the same file again is noticed
    if (!file) return;
    setProblem(undefined);
    try {
      setArmored(await readReleaseKeyFile(file));
      setStatus(`Read ${file.name}; import it below.`);
    } catch (error) {
      setStatus('');
      setProblem(
        error instanceof ReleaseKeyFileProblem
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
      setProblem('Paste the armored secret key, or choose its file.');
      document.getElementById(KEY_FIELD)?.focus();
      return;
    }
    setProblem(undefined);
    setStatus('');
    if (await importKey(key, allowUnprotected)) {
      setArmored('');
      setAllowUnprotected(false);
      setStatus('Imported. Check its fingerprint above against the one you were given.');
    }
  };

  return (
    <form
      className="promote-key-import"
      aria-labelledby="promote-key-import-heading"
      noValidate
      onSubmit={(event) => void onSubmit(event)}
    >
      <h3 className="facts__title" id="promote-key-import-heading">
        Import the release key
      </h3>
      <div className="field">
        <label className="field__label" htmlFor={KEY_FIELD}>
          Armored secret key
        </label>
        <textarea
          id={KEY_FIELD}
          className="field__control field__control--mono promote-key-import__text"
          rows={5}
          value={armored}
          onChange={(event) => setArmored(event.target.value)}
          spellCheck={false}
          autoComplete="off"
          placeholder="-----BEGIN PGP PRIVATE KEY BLOCK-----"
          aria-invalid={problem ? true : undefined}
          aria-describedby={fieldNoteId(KEY_FIELD, problem)}
          data-testid="promote-key-text"
        />
        <FieldNote
          fieldId={KEY_FIELD}
          problem={problem}
          help="Made by: gpg --armor --export-secret-keys FINGERPRINT. It stays encrypted."
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="promote-key-file">
          Or an armored key file
        </label>
        <input
          id="promote-key-file"
          className="field__file"
          type="file"
          accept=".asc,.key,.txt,application/pgp-keys"
          onChange={(event) => void onFile(event)}
          data-testid="promote-key-file"
        />
      </div>
      <CheckField
        id="promote-key-allow-unprotected"
        label="Allow a key without a passphrase"
        help="Off by default: such a key signs for anyone who can read its file."
        checked={allowUnprotected}
        onChange={setAllowUnprotected}
      />
      <SubmitWithStatus
        busy={busy}
        label="Import release key"
        busyLabel="Importing…"
        status={status}
        testId="promote-key-import"
      />
    </form>
  );
}
