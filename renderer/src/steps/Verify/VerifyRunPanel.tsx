import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FieldNote, fieldNoteId } from '../../components/FieldNote';
import { Fingerprint } from '../../components/Fingerprint';
import { UntrustedText } from '../../components/UntrustedText';
import { JobProgress } from '../../jobs/JobProgress';
import { useReleaseStore } from '../../stores/releaseStore';
import { useVerifyStore } from './verifyStore';
import {
  keyringChoiceOf,
  verifyFormProblems,
  verifyRequestOf,
  type KeyringChoice,
} from './verifyForm';

const KEYRING_LABELS: Record<KeyringChoice, string> = {
  release: "The project's release key (its public part)",
  armored: 'Paste a public key',
  file: 'A keyring file on this machine',
};

/**
 * QA's form: which repository (a URL or a folder; by default the project's
 * apt-prod), which public keys it must be signed by (by default the release
 * key's public part: no passphrase, no secret key), which suite, and whether
 * to trace each package to this release's review. Then the job's progress,
 * and why it could not run. When it ends, focus goes to the verdict.
 */
export function VerifyRunPanel({
  tag,
  resultHeadingRef,
}: {
  /** The release verified in step 1, whose review can be the context; null without one. */
  tag: string | null;
  resultHeadingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const verify = useVerifyStore((state) => state.verification.verify);
  const running = useVerifyStore((state) => state.verification.running);
  const phase = useVerifyStore((state) => state.verification.phase);
  const progress = useVerifyStore((state) => state.verification.progress);
  const error = useVerifyStore((state) => state.verification.error);
  const dismissError = useVerifyStore((state) => state.verification.dismissError);
  const form = useVerifyStore((state) => state.verification.form);
  const setForm = useVerifyStore((state) => state.verification.setForm);
  const aptProd = useReleaseStore((state) => state.project?.aptProd?.location ?? null);
  const releaseKey = useReleaseStore((state) => state.project?.releaseKey ?? null);
  const releaseFingerprint = releaseKey?.info?.fingerprint ?? null;
  const hasReleaseKey = releaseKey !== null;
  const [showProblems, setShowProblems] = useState(false);
  const awaiting = useRef(false);

  useEffect(() => {
    if (!awaiting.current || running) return;
    awaiting.current = false;
    resultHeadingRef.current?.focus();
  }, [running, resultHeadingRef]);

  const keyring = keyringChoiceOf(form, hasReleaseKey);
  const problems = showProblems ? verifyFormProblems(form, hasReleaseKey) : {};
  const withReview = tag !== null && form.useReview;
  const choices: KeyringChoice[] = hasReleaseKey
    ? ['release', 'armored', 'file']
    : ['armored', 'file'];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (running) return;
    const found = verifyFormProblems(form, hasReleaseKey);
    const first = (['repo', 'keyring', 'suite'] as const).find((field) => found[field]);
    if (first) {
      setShowProblems(true);
      const id = first === 'keyring' ? `qa-keyring-${keyring}` : `qa-${first}`;
      document.getElementById(id)?.focus();
      return;
    }
    setShowProblems(false);
    awaiting.current = true;
    void verify(verifyRequestOf(form, tag, hasReleaseKey));
  };

  return (
    <section
      className="panel qa-run"
      aria-labelledby="qa-run-heading"
      data-testid="verify-repo-run"
      data-running={running}
    >
      <div className="panel__header">
        <h2 className="panel__title" id="qa-run-heading">
          Verify what an apt repository serves
        </h2>
      </div>
      <p className="panel__intro">
        Checks each suite&apos;s signature with the public keys below, each index against its
        Release, and each package against its index
        {withReview ? (
          <>
            ; and each package&apos;s SHA-256 against the review of{' '}
            <code data-testid="verify-repo-tag">
              <UntrustedText text={tag} />
            </code>{' '}
            and the signed attestations its promotion published. The verdict is added to the
            release&apos;s audit log.
          </>
        ) : (
          '. No secret key is needed: only public keys check signatures.'
        )}
      </p>
      <form className="qa-form" noValidate onSubmit={submit} data-testid="verify-repo-form">
        <div className="field">
          <label className="field__label" htmlFor="qa-repo">
            Repository <span className="field__optional">(URL or folder)</span>
          </label>
          <input
            id="qa-repo"
            className="field__control field__control--mono"
            value={form.repo}
            placeholder={aptProd ?? 'https://apt.example.org/debian'}
            spellCheck={false}
            autoComplete="off"
            readOnly={running}
            onChange={(event) => setForm({ repo: event.target.value })}
            aria-invalid={problems.repo ? true : undefined}
            aria-describedby={fieldNoteId('qa-repo', problems.repo)}
            data-testid="verify-repo-location"
          />
          <FieldNote
            fieldId="qa-repo"
            problem={problems.repo}
            help={
              aptProd ? (
                <>
                  Empty: the project&apos;s apt-prod, at its public URL when project.json names one,
                  else <UntrustedText text={aptProd} />.
                </>
              ) : (
                'An http(s) URL or a folder holding dists/ and pool/.'
              )
            }
          />
        </div>

        <fieldset className="qa-form__keyring">
          <legend className="field__label">Keyring: the public keys it must be signed by</legend>
          <div className="qa-form__choices">
            {choices.map((choice) => (
              <label key={choice} className="qa-form__choice">
                <input
                  type="radio"
                  name="qa-keyring"
                  value={choice}
                  checked={keyring === choice}
                  disabled={running}
                  onChange={() => setForm({ keyring: choice })}
                  data-testid={`verify-repo-keyring-${choice}`}
                />
                {KEYRING_LABELS[choice]}
              </label>
            ))}
          </div>
          {keyring === 'release' ? (
            <p
              className="field__help"
              id="qa-keyring-release"
              data-testid="verify-repo-release-key"
            >
              {releaseFingerprint ? (
                <>
                  <Fingerprint value={releaseFingerprint} />: read from the stored key, so no
                  passphrase is asked.
                </>
              ) : (
                'Read from the stored key, so no passphrase is asked.'
              )}
            </p>
          ) : keyring === 'armored' ? (
            <div className="field">
              <label className="field__label" htmlFor="qa-keyring-armored">
                Armored public key
              </label>
              <textarea
                id="qa-keyring-armored"
                className="field__control field__control--mono qa-form__key"
                rows={5}
                value={form.keyringText}
                placeholder="-----BEGIN PGP PUBLIC KEY BLOCK-----"
                spellCheck={false}
                autoComplete="off"
                readOnly={running}
                onChange={(event) => setForm({ keyringText: event.target.value })}
                aria-invalid={problems.keyring ? true : undefined}
                aria-describedby={fieldNoteId('qa-keyring-armored', problems.keyring)}
                data-testid="verify-repo-keyring-text"
              />
              <FieldNote
                fieldId="qa-keyring-armored"
                problem={problems.keyring}
                help={
                  hasReleaseKey
                    ? 'As apt-prod publishes it for its users: gpg --export --armor FINGERPRINT.'
                    : 'This project has no release key: give the public key apt-prod is signed by (gpg --export --armor FINGERPRINT).'
                }
              />
            </div>
          ) : (
            <div className="field">
              <label className="field__label" htmlFor="qa-keyring-file">
                Keyring file
              </label>
              <input
                id="qa-keyring-file"
                className="field__control field__control--mono"
                value={form.keyringPath}
                placeholder="/usr/share/keyrings/example-archive-keyring.gpg"
                spellCheck={false}
                autoComplete="off"
                readOnly={running}
                onChange={(event) => setForm({ keyringPath: event.target.value })}
                aria-invalid={problems.keyring ? true : undefined}
                aria-describedby={fieldNoteId('qa-keyring-file', problems.keyring)}
                data-testid="verify-repo-keyring-file"
              />
              <FieldNote
                fieldId="qa-keyring-file"
                problem={problems.keyring}
                help="Armored or binary OpenPGP, on the machine running Countersign; a relative path is read from the project's folder."
              />
            </div>
          )}
        </fieldset>

        <div className="field qa-form__suite">
          <label className="field__label" htmlFor="qa-suite">
            Suite <span className="field__optional">(optional)</span>
          </label>
          <input
            id="qa-suite"
            className="field__control field__control--mono"
            value={form.suite}
            placeholder="bookworm"
            spellCheck={false}
            autoComplete="off"
            readOnly={running}
            onChange={(event) => setForm({ suite: event.target.value })}
            aria-invalid={problems.suite ? true : undefined}
            aria-describedby={fieldNoteId('qa-suite', problems.suite)}
            data-testid="verify-repo-suite"
          />
          <FieldNote
            fieldId="qa-suite"
            problem={problems.suite}
            help="The folder under dists/. Empty: every suite of a folder; over HTTP, the suite the project's apt-prod serves."
          />
        </div>

        {tag !== null ? (
          <div className="field field--check">
            <input
              id="qa-use-review"
              type="checkbox"
              checked={form.useReview}
              disabled={running}
              onChange={(event) => setForm({ useReview: event.target.checked })}
              data-testid="verify-repo-use-review"
            />
            <label className="field__label" htmlFor="qa-use-review">
              Use this release&apos;s review (<UntrustedText text={tag} />
              ): trace each package to its approval and record the verdict in its history
            </label>
          </div>
        ) : null}

        <div className="qa-run__actions">
          <button
            type="submit"
            className="button button--primary"
            data-testid="verify-repo-button"
            aria-disabled={running ? true : undefined}
          >
            {running
              ? 'Verifying…'
              : form.repo.trim() === ''
                ? 'Verify apt-prod'
                : 'Verify this repository'}
          </button>
        </div>
      </form>
      {running ? (
        <div className="qa-run__progress" role="status" data-testid="verify-repo-progress">
          <p>
            Verifying: <UntrustedText text={phase ?? 'starting'} />
          </p>
          <JobProgress progress={progress} state="running" label="Progress of the verification" />
        </div>
      ) : null}
      {error ? (
        <ErrorAlert
          error={error}
          title="Could not verify the repository"
          onDismiss={dismissError}
        />
      ) : null}
    </section>
  );
}
