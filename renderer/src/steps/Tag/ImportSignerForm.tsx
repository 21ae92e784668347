import { useState, type ChangeEvent, type FormEvent } from 'react';
import { SubmitWithStatus } from '../../components/SubmitWithStatus';
import { useReleaseStore } from '../../stores/releaseStore';
import { KeyFileProblem, readKeyFile } from './readKeyFile';

interface BinaryChoice {
  name: string;
  bytes: number;
  payload: string;
}

/** Adds a maintainer's public key to the trust list, pasted as armored text or chosen as a file. */
export function ImportSignerForm() {
  const importSigner = useReleaseStore((state) => state.importSigner);
  const busy = useReleaseStore((state) => state.signersBusy);
  const [armored, setArmored] = useState('');
  const [binary, setBinary] = useState<BinaryChoice | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    input.value = ''; // so choosing the same file again is noticed
    if (!file) return;
    setProblem(null);
    setStatus('');
    try {
      const read = await readKeyFile(file);
      if (read.kind === 'armored') {
        setBinary(null);
        setArmored(read.text);
        setStatus(`Read ${file.name}; check the key below, then import it.`);
      } else {
        setBinary({ name: file.name, bytes: read.bytes, payload: read.payload });
      }
    } catch (error) {
      setProblem(
        error instanceof KeyFileProblem ? error.message : `Could not read ${file.name} from disk.`,
      );
    }
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const key = binary?.payload ?? armored.trim();
    if (key === '') {
      setProblem('Paste an armored public key, or choose a key file.');
      document.getElementById('import-signer-key')?.focus();
      return;
    }
    setProblem(null);
    setStatus('');
    if (await importSigner(key)) {
      setArmored('');
      setBinary(null);
      setStatus(
        'Imported. Compare its fingerprint above with the one the maintainer gave you before trusting tags it signs.',
      );
    }
  };

  return (
    <form
      className="import-signer"
      aria-labelledby="import-signer-heading"
      noValidate
      onSubmit={(event) => void onSubmit(event)}
    >
      <h3 className="import-signer__title" id="import-signer-heading">
        Add a trusted signer
      </h3>
      <div className="field">
        <label className="field__label" htmlFor="import-signer-key">
          Armored public key
        </label>
        <textarea
          id="import-signer-key"
          className="field__control field__control--mono import-signer__key"
          rows={5}
          value={armored}
          onChange={(event) => {
            setArmored(event.target.value);
            setBinary(null);
          }}
          spellCheck={false}
          autoComplete="off"
          placeholder="-----BEGIN PGP PUBLIC KEY BLOCK-----"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'import-signer-problem' : undefined}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="import-signer-file">
          Or a key file
        </label>
        <input
          id="import-signer-file"
          className="field__file"
          type="file"
          accept=".asc,.gpg,.pgp,.key,.pub,application/pgp-keys"
          onChange={(event) => void onFile(event)}
        />
      </div>
      {binary ? (
        <p className="import-signer__chosen">
          Binary key file <strong>{binary.name}</strong> ({binary.bytes.toLocaleString('en')} bytes)
          will be imported.{' '}
          <button type="button" className="button button--quiet" onClick={() => setBinary(null)}>
            Clear
          </button>
        </p>
      ) : null}
      {problem ? (
        <p className="field__problem" id="import-signer-problem">
          {problem}
        </p>
      ) : null}
      <SubmitWithStatus
        busy={busy}
        label="Import key"
        busyLabel="Working…"
        status={status}
        testId="import-signer"
      />
    </form>
  );
}
