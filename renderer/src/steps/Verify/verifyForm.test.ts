import { describe, expect, it } from 'vitest';
import {
  EMPTY_VERIFY_FORM,
  keyringChoiceOf,
  verifyFormProblems,
  verifyRequestOf,
  type VerifyForm,
} from './verifyForm';

const form = (over: Partial<VerifyForm> = {}): VerifyForm => ({ ...EMPTY_VERIFY_FORM, ...over });
const KEY = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n…\n-----END PGP PUBLIC KEY BLOCK-----';

describe('the Verify form', () => {
  it("sends nothing but the tag when left as it is: the project's apt-prod and release key", () => {
    expect(verifyRequestOf(form(), 'v1.0.0', true)).toEqual({ tag: 'v1.0.0' });
    expect(verifyFormProblems(form(), true)).toEqual({});
  });

  it('sends a URL, a pasted public key and a suite, without the review when unchecked', () => {
    const request = verifyRequestOf(
      form({
        repo: ' https://apt.example.org/prod ',
        keyring: 'armored',
        keyringText: KEY,
        suite: 'bookworm',
        useReview: false,
      }),
      'v1.0.0',
      true,
    );
    expect(request).toEqual({
      repo: 'https://apt.example.org/prod',
      keyring: { kind: 'armored', text: KEY },
      suite: 'bookworm',
    });
  });

  it('asks for a public key when the project has no release key, and offers pasting first', () => {
    expect(keyringChoiceOf(form(), false)).toBe('armored');
    expect(keyringChoiceOf(form({ keyring: 'release' }), false)).toBe('armored');
    expect(verifyFormProblems(form(), false).keyring).toMatch(/no release key/);
    expect(verifyRequestOf(form({ keyringText: KEY }), null, false)).toEqual({
      keyring: { kind: 'armored', text: KEY },
    });
  });

  it('names a keyring file, and says so when it is missing', () => {
    expect(verifyFormProblems(form({ keyring: 'file' }), true).keyring).toMatch(/keyring file/);
    expect(verifyRequestOf(form({ keyring: 'file', keyringPath: '/k.gpg ' }), null, true)).toEqual({
      keyring: { kind: 'file', path: '/k.gpg' },
    });
  });

  it('refuses a secret key, a URL that is not http(s) and a suite outside dists/ before sending', () => {
    const problems = verifyFormProblems(
      form({
        repo: 'ftp://example.org/',
        keyring: 'armored',
        keyringText: '-----BEGIN PGP PRIVATE KEY BLOCK-----',
        suite: '../etc',
      }),
      true,
    );
    expect(problems.repo).toMatch(/http\(s\)/);
    expect(problems.keyring).toMatch(/secret key/);
    expect(problems.suite).toMatch(/dists/);
  });
});
