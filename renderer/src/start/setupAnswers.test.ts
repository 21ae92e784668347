import { describe, expect, it } from 'vitest';
import {
  checkAnswers,
  EMPTY_APT_PROD,
  EMPTY_CI,
  EMPTY_RECIPE,
  firstProblemField,
  initRequestFrom,
  keySourceFrom,
  questionOfError,
  recipeDraftFrom,
  recipeFromDraft,
  type SetupAnswers,
} from './setupAnswers';

const FINGERPRINT = '0123456789ABCDEF0123456789ABCDEF01234567';

const answers = (overrides: Partial<SetupAnswers> = {}): SetupAnswers => ({
  source: '/srv/src/hello',
  dir: '/srv/releases/hello',
  name: 'hello',
  id: '',
  signers: [{ kind: 'gpg', fingerprint: FINGERPRINT }],
  keysTrusted: true,
  recipe: EMPTY_RECIPE,
  ci: EMPTY_CI,
  aptProd: EMPTY_APT_PROD,
  ...overrides,
});

describe('setup answers', () => {
  it('sends only what was answered, optional parts left out', () => {
    expect(initRequestFrom(answers())).toEqual({
      dir: '/srv/releases/hello',
      name: 'hello',
      source: '/srv/src/hello',
      signers: [{ kind: 'gpg', fingerprint: FINGERPRINT }],
    });
  });

  it('names an apt CI side apt:ROOT with its keys, and a folder by its path alone', () => {
    const apt = initRequestFrom(
      answers({
        ci: {
          ...EMPTY_CI,
          kind: 'apt',
          url: 'https://ci.example.org/apt',
          suite: 'stable',
          keys: [{ kind: 'file', path: '/k.asc' }],
        },
      }),
    );
    expect(apt.ci).toEqual({
      source: 'apt:https://ci.example.org/apt',
      keys: [{ kind: 'file', path: '/k.asc' }],
      suite: 'stable',
    });
    const folder = initRequestFrom(
      answers({ ci: { ...EMPTY_CI, kind: 'folder', path: '/srv/ci' } }),
    );
    expect(folder.ci).toEqual({ source: '/srv/ci', keys: [] });
  });

  it('round-trips a detected recipe through its fields', () => {
    const recipe = {
      base: {
        kind: 'bootstrap' as const,
        suite: 'bookworm',
        packages: ['debhelper'],
        snapshot: '2026-01-01',
      },
      preset: 'debian' as const,
      artifacts: ['*.deb', '*.buildinfo'],
      env: { DEB_BUILD_OPTIONS: 'nocheck' },
    };
    expect(recipeFromDraft(recipeDraftFrom(recipe))).toEqual(recipe);
  });

  it('finds the keys not yet trusted, and a malformed URL by the field that holds it', () => {
    const problems = checkAnswers(
      answers({
        keysTrusted: false,
        aptProd: { ...EMPTY_APT_PROD, enabled: true, path: '/srv/apt', url: 'ftp://nope' },
      }),
    );
    expect(Object.keys(problems)).toEqual(['setup-signers-trust', 'setup-aptprod-url']);
    expect(firstProblemField(problems)).toBe('setup-signers-trust');
  });

  it('reads a fingerprint typed with spaces, and refuses a short one', () => {
    expect(keySourceFrom('gpg', '0123 4567 89AB CDEF 0123  4567 89AB CDEF 0123 4567')).toEqual({
      source: { kind: 'gpg', fingerprint: FINGERPRINT },
    });
    expect(keySourceFrom('gpg', '0123 4567')).toHaveProperty('problem');
  });

  it('places each refusal beside its question', () => {
    const given = answers();
    const place = (code: Parameters<typeof questionOfError>[0]['code'], message = 'no') =>
      questionOfError({ code, message }, given);
    expect(place('NOT_A_GIT_REPOSITORY')).toBe('source');
    expect(place('PROJECT_ID_IN_USE')).toBe('project');
    expect(place('KEY_NOT_IN_KEYRING')).toBe('signers');
    expect(place('NO_RECIPE')).toBe('rebuild');
    expect(place('REPOSITORY_SIGNATURE_INVALID')).toBe('ci');
    expect(place('APT_PROD_INVALID')).toBe('aptProd');
    expect(place('INTERNAL')).toBe('create');
    expect(place('INVALID_REQUEST', 'The request was not valid: rebuild.base.suite: bad.')).toBe(
      'rebuild',
    );
    // A key refusal that speaks of CI's repository, when CI has keys, is CI's.
    const withCiKeys = answers({
      ci: { ...EMPTY_CI, kind: 'apt', url: 'x', keys: [{ kind: 'file', path: '/k' }] },
    });
    expect(
      questionOfError(
        { code: 'NOT_OPENPGP', message: 'The repository key /k is not OpenPGP.' },
        withCiKeys,
      ),
    ).toBe('ci');
  });
});
