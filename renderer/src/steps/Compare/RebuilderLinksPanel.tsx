import { useEffect, useState, type FormEvent } from 'react';
import type { CompareResult } from '../../../../shared/compare';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FieldNote, fieldNoteId } from '../../components/FieldNote';
import { Fingerprint } from '../../components/Fingerprint';
import { ImportPersonalKeyForm } from '../../components/ImportPersonalKeyForm';
import { SubmitWithStatus } from '../../components/SubmitWithStatus';
import { UntrustedText } from '../../components/UntrustedText';
import { useRebuilderStore } from './rebuilderStore';

const FIELD_ID = 'rebuilder-passphrase';

/** How many of CI's packages this rebuild reproduced bit for bit. */
const reproduced = (result: CompareResult) =>
  result.artifacts.filter((row) => row.status === 'identical' && row.ci?.deb).length;

/**
 * "Vouch for this rebuild": this machine signs, with its own rebuilder key,
 * an in-toto link per package its rebuild reproduced. The next promotion
 * publishes them for Debian's apt-transport-in-toto, so users' apt installs
 * only what enough independent rebuilders reproduced (docs/apt-in-toto.md).
 */
export function RebuilderLinksPanel({ tag, result }: { tag: string; result: CompareResult }) {
  const key = useRebuilderStore((state) => state.key);
  const keyLoaded = useRebuilderStore((state) => state.keyLoaded);
  const importing = useRebuilderStore((state) => state.importing);
  const importError = useRebuilderStore((state) => state.importError);
  const attesting = useRebuilderStore((state) => state.attesting);
  const signed = useRebuilderStore((state) => (state.result?.tag === tag ? state.result : null));
  const error = useRebuilderStore((state) => state.attestError);
  // Kept here for one request only, never in the store.
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const count = reproduced(result);

  useEffect(() => {
    void useRebuilderStore.getState().loadKey();
  }, []);

  if (count === 0) return null;
  const refusal = error?.code === 'WRONG_PASSPHRASE' ? error.message : undefined;
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (attesting) return;
    if (passphrase === '') {
      setProblem('Type the rebuilder key’s passphrase: the links are signed with it.');
      document.getElementById(FIELD_ID)?.focus();
      return;
    }
    setProblem(undefined);
    const given = passphrase;
    setPassphrase('');
    if (!(await useRebuilderStore.getState().attest(tag, given))) {
      document.getElementById(FIELD_ID)?.focus();
    }
  };
  const fieldProblem = problem ?? refusal;

  return (
    <section
      className="facts review-signoff"
      aria-labelledby="rebuilder-links-heading"
      data-testid="rebuilder-links"
      data-state={signed ? 'signed' : 'unsigned'}
    >
      <h3 className="facts__title" id="rebuilder-links-heading">
        Vouch for this rebuild
      </h3>
      <p className="review-signoff__what">
        This rebuild reproduced {count === 1 ? '1 package' : `${count} packages`} of CI bit for bit.
        Sign, with this machine’s own rebuilder key, an in-toto link for each: the next promotion
        publishes them so that users’ apt (with apt-transport-in-toto) installs only what the
        project’s rebuilders reproduced.
      </p>
      {!keyLoaded ? null : key ? (
        <form noValidate onSubmit={(event) => void onSubmit(event)}>
          <p>
            Rebuilder key <Fingerprint value={key.fingerprint} testId="rebuilder-key-fingerprint" />{' '}
            <UntrustedText text={key.userIds[0] ?? ''} />
          </p>
          <div className="field">
            <label className="field__label" htmlFor={FIELD_ID}>
              Passphrase of the rebuilder key
            </label>
            <input
              id={FIELD_ID}
              className="field__control"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={passphrase}
              onChange={(event) => {
                setPassphrase(event.target.value);
                if (event.target.value !== '') setProblem(undefined);
              }}
              aria-invalid={fieldProblem ? true : undefined}
              aria-describedby={fieldNoteId(FIELD_ID, fieldProblem)}
              data-testid="rebuilder-passphrase"
            />
            <FieldNote
              fieldId={FIELD_ID}
              problem={fieldProblem}
              help="Unlocks the rebuilder key, in memory, for these signatures only; never stored or logged."
            />
          </div>
          {error && !refusal ? <ErrorAlert error={error} title="No link was signed" /> : null}
          <SubmitWithStatus
            busy={attesting}
            label="Sign rebuild links"
            busyLabel="Signing…"
            status={signed ? `Signed ${signed.links.links.length} link(s).` : ''}
            testId="rebuilder-attest"
          />
        </form>
      ) : (
        <ImportPersonalKeyForm
          role="rebuilder"
          importKey={(armored) => useRebuilderStore.getState().importKey(armored)}
          busy={importing}
          refusal={importError}
        />
      )}
      {signed ? (
        <ul className="review-signoff__products">
          {signed.links.links.map((link) => (
            <li key={link.path} data-testid="rebuilder-link">
              <UntrustedText text={link.product} /> <code className="sha">{link.sha256}</code>
            </li>
          ))}
          {signed.links.left.map((left) => (
            <li key={left.name} data-testid="rebuilder-left">
              Not vouched for: <UntrustedText text={left.name} /> (<UntrustedText text={left.why} />
              )
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
