import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitWithStatus } from '../../components/SubmitWithStatus';
import { UntrustedText } from '../../components/UntrustedText';
import { isPassphraseRefusal, ReviewerPassphraseField } from './ReviewerPassphraseField';
import { useReviewStore } from './reviewStore';

const FIELD_ID = 'review-signoff-passphrase';

/**
 * "Sign off this release": the reviewer signs, with their own key, an in-toto
 * link for the step `approve` whose products are the release's packages their
 * decisions approve, each with its SHA-256. At promotion it is published
 * beside the layout, and it is what in-toto-verify checks.
 */
export function SignOffPanel({ tag }: { tag: string }) {
  const hasKey = useReviewStore((state) => state.reviewerKey !== null);
  const signOff = useReviewStore((state) => state.signOff);
  const busy = useReviewStore((state) => state.signingOff);
  const result = useReviewStore((state) => state.signOffResult);
  const error = useReviewStore((state) => state.signOffError);
  // Kept here for one request only, never in the store.
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const refusal = isPassphraseRefusal(error) ? error?.message : undefined;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    if (passphrase === '') {
      setProblem('Type your reviewer key’s passphrase: the sign-off is signed with it.');
      document.getElementById(FIELD_ID)?.focus();
      return;
    }
    setProblem(undefined);
    const given = passphrase;
    setPassphrase('');
    if (!(await signOff(given))) document.getElementById(FIELD_ID)?.focus();
  };

  return (
    <section
      className="facts review-signoff"
      aria-labelledby="review-signoff-heading"
      data-testid="review-signoff"
      data-state={result ? 'signed' : 'unsigned'}
    >
      <h3 className="facts__title" id="review-signoff-heading">
        Sign off this release
      </h3>
      <p className="review-signoff__what">
        Signs, with your reviewer key, an in-toto link for the step <code>approve</code> that lists
        the packages of <UntrustedText text={tag} /> your decisions approve, each with its SHA-256.
        At promotion it is published beside the release’s layout: it is what{' '}
        <code>in-toto-verify</code> checks.
      </p>
      {hasKey ? (
        <form noValidate onSubmit={(event) => void onSubmit(event)}>
          <ReviewerPassphraseField
            id={FIELD_ID}
            value={passphrase}
            onChange={(value) => {
              setPassphrase(value);
              if (value !== '') setProblem(undefined);
            }}
            refusal={problem ?? refusal}
            help="Unlocks your reviewer key, in memory, for this signature only; never stored or logged."
            testId="review-signoff-passphrase"
          />
          {error && !refusal ? <ErrorAlert error={error} title="Not signed off" /> : null}
          <SubmitWithStatus
            busy={busy}
            label="Sign off this release"
            busyLabel="Signing…"
            status={result ? `Signed off: ${result.file}` : ''}
            testId="review-signoff-submit"
          />
        </form>
      ) : (
        <p className="review-signoff__no-key" data-testid="review-signoff-no-key">
          Import your reviewer key above to sign off.
        </p>
      )}
      {result ? (
        <div className="review-signoff__result" data-testid="review-signoff-result">
          <p>
            The link <code>{result.file}</code> lists{' '}
            {result.products.length === 1 ? '1 package' : `${result.products.length} packages`}:
          </p>
          <ul className="review-signoff__products">
            {result.products.map((product) => (
              <li key={product.name} data-testid="review-signoff-product">
                <UntrustedText text={product.name} /> <code className="sha">{product.sha256}</code>
              </li>
            ))}
          </ul>
          {result.left.length > 0 ? (
            <>
              <p>Not covered:</p>
              <ul className="review-signoff__left">
                {result.left.map((left) => (
                  <li key={left.name} data-testid="review-signoff-left">
                    <UntrustedText text={left.name} />: <UntrustedText text={left.why} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
