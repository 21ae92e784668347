import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../components/ErrorAlert';
import { FieldNote, fieldNoteId } from '../components/FieldNote';
import { SubmitWithStatus } from '../components/SubmitWithStatus';
import { UntrustedText } from '../components/UntrustedText';
import {
  isPassphraseRefusal,
  ReviewerPassphraseField,
} from '../steps/Review/ReviewerPassphraseField';
import { useReviewStore } from '../steps/Review/reviewStore';
import { useBundleStore } from './bundleStore';
import { decisionsFileBeside } from './decisionsFileName';

const OUT_ID = 'bundle-decisions-out';
const PASSPHRASE_ID = 'bundle-decisions-passphrase';

/**
 * "Send your decisions back": every decision this reviewer made in the open
 * bundle, written as one file signed by their key, for the release manager
 * to import. Nothing else leaves this machine.
 */
export function WriteDecisionsPanel({ bundleFile }: { bundleFile: string }) {
  const hasKey = useReviewStore((state) => state.reviewerKey !== null);
  const writing = useBundleStore((state) => state.writing);
  const written = useBundleStore((state) => state.written);
  const error = useBundleStore((state) => state.writeError);
  const [out, setOut] = useState(() => decisionsFileBeside(bundleFile));
  // Kept here for one request only, never in the store.
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<{ field: string; text: string } | null>(null);
  const refusal = isPassphraseRefusal(error) ? error?.message : undefined;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (writing) return;
    if (out.trim() === '') {
      setProblem({ field: OUT_ID, text: 'Say where to write the decisions file.' });
      document.getElementById(OUT_ID)?.focus();
      return;
    }
    if (passphrase === '') {
      setProblem({
        field: PASSPHRASE_ID,
        text: 'Type your reviewer key’s passphrase: the file is signed with it.',
      });
      document.getElementById(PASSPHRASE_ID)?.focus();
      return;
    }
    setProblem(null);
    const given = passphrase;
    setPassphrase('');
    if (!(await useBundleStore.getState().writeDecisions(out.trim(), given))) {
      document.getElementById(PASSPHRASE_ID)?.focus();
    }
  };
  const outProblem = problem?.field === OUT_ID ? problem.text : undefined;

  return (
    <section
      className="facts review-signoff"
      aria-labelledby="bundle-decisions-heading"
      data-testid="bundle-decisions"
      data-state={written ? 'written' : 'unwritten'}
    >
      <h3 className="facts__title" id="bundle-decisions-heading">
        Send your decisions back
      </h3>
      <p className="review-signoff__what">
        Writes every decision you made here as one file signed by your reviewer key. The release
        manager imports it (<code>countersign review import</code>, or “Import decisions…” in
        Review); it counts only if your key is one the project pins, over these same reports.
      </p>
      {hasKey ? (
        <form noValidate onSubmit={(event) => void onSubmit(event)}>
          <div className="field">
            <label className="field__label" htmlFor={OUT_ID}>
              Write the decisions file to
            </label>
            <input
              id={OUT_ID}
              className="field__control field__control--mono"
              value={out}
              onChange={(event) => setOut(event.target.value)}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={outProblem ? true : undefined}
              aria-describedby={fieldNoteId(OUT_ID, outProblem)}
              data-testid="bundle-decisions-out"
            />
            <FieldNote
              fieldId={OUT_ID}
              problem={outProblem}
              help="A path on this machine; writing again replaces the file with all your decisions."
            />
          </div>
          <ReviewerPassphraseField
            id={PASSPHRASE_ID}
            value={passphrase}
            onChange={(value) => {
              setPassphrase(value);
              if (value !== '') setProblem(null);
            }}
            refusal={(problem?.field === PASSPHRASE_ID ? problem.text : undefined) ?? refusal}
            help="Unlocks your reviewer key, in memory, for this signature only; never stored or logged."
            testId="bundle-decisions-passphrase"
          />
          {error && !refusal ? (
            <ErrorAlert error={error} title="The decisions file was not written" />
          ) : null}
          <SubmitWithStatus
            busy={writing}
            label="Write signed decisions"
            busyLabel="Signing…"
            status={
              written
                ? `Wrote ${written.decisions === 1 ? '1 decision' : `${written.decisions} decisions`} to ${written.file}`
                : ''
            }
            testId="bundle-decisions-submit"
          />
        </form>
      ) : (
        <p className="review-signoff__no-key">Import your reviewer key above first.</p>
      )}
      {written ? (
        <p data-testid="bundle-decisions-written">
          Send <UntrustedText text={written.file} /> to the release manager.
        </p>
      ) : null}
    </section>
  );
}
