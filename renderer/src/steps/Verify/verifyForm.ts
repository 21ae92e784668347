import type { VerifyRepoRequest } from '../../../../shared/verify';
import { repositoryRootProblem, VERIFY_KEYRING_TEXT_MAX } from '../../../../shared/verify';

/** Where the public keys come from: the project's release key, pasted text, or a file here. */
export type KeyringChoice = 'release' | 'armored' | 'file';

/** What QA typed into the Verify form; empty fields mean the project's defaults. */
export interface VerifyForm {
  repo: string;
  /** null until QA picks one: the release key when the project has one, else a pasted key. */
  keyring: KeyringChoice | null;
  keyringText: string;
  keyringPath: string;
  suite: string;
  /** Check each package against the release's review (only with a tag). */
  useReview: boolean;
}

export const EMPTY_VERIFY_FORM: VerifyForm = {
  repo: '',
  keyring: null,
  keyringText: '',
  keyringPath: '',
  suite: '',
  useReview: true,
};

/** The keyring choice in force: QA's, else the release key when there is one, else pasting. */
export function keyringChoiceOf(form: VerifyForm, hasReleaseKey: boolean): KeyringChoice {
  const choice = form.keyring ?? (hasReleaseKey ? 'release' : 'armored');
  return choice === 'release' && !hasReleaseKey ? 'armored' : choice;
}

/** Each field's problem, for the field to show; an empty object when the form can be sent. */
export function verifyFormProblems(
  form: VerifyForm,
  hasReleaseKey: boolean,
): Partial<Record<'repo' | 'keyring' | 'suite', string>> {
  const problems: Partial<Record<'repo' | 'keyring' | 'suite', string>> = {};
  const repo = form.repo.trim();
  const rootProblem = repo === '' ? null : repositoryRootProblem(repo);
  if (rootProblem) problems.repo = `This ${rootProblem}.`;
  const choice = keyringChoiceOf(form, hasReleaseKey);
  if (choice === 'armored') {
    if (form.keyringText.trim() === '') {
      problems.keyring = hasReleaseKey
        ? 'Paste the armored public key the repository is signed by.'
        : 'This project has no release key: paste the armored public key the repository is signed by, or name a keyring file.';
    } else if (form.keyringText.length > VERIFY_KEYRING_TEXT_MAX) {
      problems.keyring = 'More than 1 MiB is not a public key.';
    } else if (/-----BEGIN PGP PRIVATE KEY BLOCK-----/.test(form.keyringText)) {
      problems.keyring =
        'This is a secret key. Give the public key (gpg --export --armor FINGERPRINT); a secret key should never be pasted into a form.';
    }
  }
  if (choice === 'file' && form.keyringPath.trim() === '') {
    problems.keyring = 'Name the keyring file on this machine (armored or binary OpenPGP).';
  }
  const suite = form.suite.trim();
  if (
    suite !== '' &&
    !/^[A-Za-z0-9][A-Za-z0-9._~+-]*(\/[A-Za-z0-9][A-Za-z0-9._~+-]*)*$/.test(suite)
  ) {
    problems.suite = 'A suite is the folder under dists/, e.g. bookworm or stable/updates.';
  }
  return problems;
}

/** The verify:repo request the form says: empty fields left out, so the engine's defaults apply. */
export function verifyRequestOf(
  form: VerifyForm,
  tag: string | null,
  hasReleaseKey: boolean,
): VerifyRepoRequest {
  const choice = keyringChoiceOf(form, hasReleaseKey);
  const repo = form.repo.trim();
  const suite = form.suite.trim();
  return {
    ...(repo !== '' ? { repo } : {}),
    ...(choice === 'armored' ? { keyring: { kind: 'armored', text: form.keyringText } } : {}),
    ...(choice === 'file' ? { keyring: { kind: 'file', path: form.keyringPath.trim() } } : {}),
    ...(suite !== '' ? { suite } : {}),
    ...(tag !== null && form.useReview ? { tag } : {}),
  };
}
