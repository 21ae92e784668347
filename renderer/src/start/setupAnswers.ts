import type { AppError } from '../../../shared/errors';
import {
  initProjectRequestSchema,
  keySourceSchema,
  type CiSetup,
  type InitProjectRequest,
  type KeySource,
  type SourceInspection,
} from '../../../shared/projectSetup';
import type { RebuildRecipe } from '../../../shared/rebuild';

/** The wizard's questions, in the order it asks them; `create` is the final button's own place. */
export const SETUP_QUESTIONS = [
  'source',
  'project',
  'signers',
  'rebuild',
  'ci',
  'aptProd',
] as const;
export type SetupQuestion = (typeof SETUP_QUESTIONS)[number] | 'create';

/** The rebuild recipe as its fields are edited: lists as text, optional parts as empty strings. */
export interface RecipeDraft {
  /** Write a recipe into the project (off: none, or the one detected). */
  enabled: boolean;
  preset: 'debian' | 'custom';
  baseKind: 'bootstrap' | 'image';
  suite: string;
  /** Extra packages in the base, separated by spaces or commas. */
  packages: string;
  mirror: string;
  snapshot: string;
  image: string;
  command: string;
  prepare: string;
  /** File name patterns, separated by spaces. */
  artifacts: string;
  env: Record<string, string>;
}

export type CiKind = 'none' | 'folder' | 'archive' | 'apt';

export interface CiDraft {
  kind: CiKind;
  /** A folder's or an archive's path. */
  path: string;
  /** An apt repository's root: a path or an http(s) URL. */
  url: string;
  keys: KeySource[];
  suite: string;
  component: string;
  architecture: string;
}

export interface AptProdDraft {
  enabled: boolean;
  path: string;
  url: string;
  origin: string;
  label: string;
  suite: string;
}

/** Every answer as typed. */
export interface SetupAnswers {
  source: string;
  dir: string;
  name: string;
  id: string;
  signers: KeySource[];
  /** The keys were read and shown, and the user said to trust them. */
  keysTrusted: boolean;
  recipe: RecipeDraft;
  ci: CiDraft;
  aptProd: AptProdDraft;
}

export const EMPTY_RECIPE: RecipeDraft = {
  enabled: false,
  preset: 'debian',
  baseKind: 'bootstrap',
  suite: '',
  packages: '',
  mirror: '',
  snapshot: '',
  image: '',
  command: '',
  prepare: '',
  artifacts: '*.deb *.buildinfo *.changes',
  env: {},
};

export const EMPTY_CI: CiDraft = {
  kind: 'none',
  path: '',
  url: '',
  keys: [],
  suite: '',
  component: '',
  architecture: '',
};

export const EMPTY_APT_PROD: AptProdDraft = {
  enabled: false,
  path: '',
  url: '',
  origin: '',
  label: '',
  suite: '',
};

const words = (text: string) => text.split(/[\s,]+/).filter((word) => word !== '');
const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** The recipe detected in the source, as fields to edit; a custom one to write when none was. */
export function recipeDraftFrom(recipe: SourceInspection['recipe']): RecipeDraft {
  if (!recipe) return { ...EMPTY_RECIPE, preset: 'custom', suite: 'bookworm' };
  const base = recipe.base;
  return {
    enabled: true,
    preset: recipe.preset,
    baseKind: base.kind,
    suite: base.kind === 'bootstrap' ? base.suite : '',
    packages: base.kind === 'bootstrap' ? base.packages.join(' ') : '',
    mirror: base.kind === 'bootstrap' ? (base.mirror ?? '') : '',
    snapshot: base.kind === 'bootstrap' ? (base.snapshot ?? '') : '',
    image: base.kind === 'image' ? base.image : '',
    command: recipe.command ?? '',
    prepare: recipe.prepare ?? '',
    artifacts: recipe.artifacts.join(' '),
    env: recipe.env,
  };
}

/** The recipe the fields describe, as project.json will hold it. */
export function recipeFromDraft(draft: RecipeDraft): RebuildRecipe {
  const base: RebuildRecipe['base'] =
    draft.baseKind === 'image'
      ? { kind: 'image', image: draft.image.trim() }
      : {
          kind: 'bootstrap',
          suite: draft.suite.trim(),
          packages: words(draft.packages),
          ...(optional(draft.mirror) ? { mirror: draft.mirror.trim() } : {}),
          ...(optional(draft.snapshot) ? { snapshot: draft.snapshot.trim() } : {}),
        };
  const custom = draft.preset === 'custom';
  return {
    base,
    preset: draft.preset,
    ...(custom && optional(draft.command) ? { command: draft.command.trim() } : {}),
    ...(custom && optional(draft.prepare) ? { prepare: draft.prepare.trim() } : {}),
    artifacts: words(draft.artifacts),
    env: draft.env,
  };
}

/** CI's side as `setup:checkCi` and `setup:create` take it; null when none is set up. */
export function ciSetupFrom(draft: CiDraft): CiSetup | null {
  if (draft.kind === 'none') return null;
  const apt = draft.kind === 'apt';
  const location = (apt ? draft.url : draft.path).trim();
  return {
    source: apt ? `apt:${location}` : location,
    keys: apt ? draft.keys : [],
    ...(apt && optional(draft.suite) ? { suite: draft.suite.trim() } : {}),
    ...(apt && optional(draft.component) ? { component: draft.component.trim() } : {}),
    ...(apt && optional(draft.architecture) ? { architecture: draft.architecture.trim() } : {}),
  };
}

/** Every answer as the engine takes it. */
export function initRequestFrom(answers: SetupAnswers): InitProjectRequest {
  const ci = ciSetupFrom(answers.ci);
  const prod = answers.aptProd;
  return {
    dir: answers.dir.trim(),
    name: answers.name.trim(),
    ...(optional(answers.id) ? { id: answers.id.trim() } : {}),
    source: answers.source.trim(),
    signers: answers.signers,
    ...(answers.recipe.enabled ? { rebuild: recipeFromDraft(answers.recipe) } : {}),
    ...(ci ? { ci } : {}),
    ...(prod.enabled
      ? {
          aptProd: {
            path: prod.path.trim(),
            ...(optional(prod.url) ? { url: prod.url.trim() } : {}),
            ...(optional(prod.origin) ? { origin: prod.origin.trim() } : {}),
            ...(optional(prod.label) ? { label: prod.label.trim() } : {}),
            ...(optional(prod.suite) ? { suite: prod.suite.trim() } : {}),
          },
        }
      : {}),
  };
}

/**
 * The wizard's fields by id, in the order they appear, each with its
 * question: the first problem found in this order gets the focus.
 */
export const SETUP_FIELDS = {
  'setup-source': 'source',
  'setup-dir': 'project',
  'setup-name': 'project',
  'setup-id': 'project',
  'setup-signer-value': 'signers',
  'setup-signers-trust': 'signers',
  'setup-recipe-suite': 'rebuild',
  'setup-recipe-packages': 'rebuild',
  'setup-recipe-mirror': 'rebuild',
  'setup-recipe-snapshot': 'rebuild',
  'setup-recipe-image': 'rebuild',
  'setup-recipe-command': 'rebuild',
  'setup-recipe-prepare': 'rebuild',
  'setup-recipe-artifacts': 'rebuild',
  'setup-ci-path': 'ci',
  'setup-ci-url': 'ci',
  'setup-ci-key-value': 'ci',
  'setup-ci-suite': 'ci',
  'setup-ci-component': 'ci',
  'setup-ci-architecture': 'ci',
  'setup-aptprod-path': 'aptProd',
  'setup-aptprod-url': 'aptProd',
  'setup-aptprod-origin': 'aptProd',
  'setup-aptprod-label': 'aptProd',
  'setup-aptprod-suite': 'aptProd',
} as const satisfies Record<string, SetupQuestion>;
export type SetupField = keyof typeof SETUP_FIELDS;

export type FieldProblems = Partial<Record<SetupField, string>>;

/** The field a schema issue's path names (the request's shape, e.g. ["aptProd", "url"]). */
export function fieldOfPath(path: readonly PropertyKey[], answers: SetupAnswers): SetupField {
  const [head, second, third] = path.map(String);
  switch (head) {
    case 'dir':
      return 'setup-dir';
    case 'name':
      return 'setup-name';
    case 'id':
      return 'setup-id';
    case 'source':
      return 'setup-source';
    case 'signers':
      return 'setup-signer-value';
    case 'rebuild': {
      const part = second === 'base' ? third : second;
      const fields: Record<string, SetupField> = {
        suite: 'setup-recipe-suite',
        packages: 'setup-recipe-packages',
        mirror: 'setup-recipe-mirror',
        snapshot: 'setup-recipe-snapshot',
        image: 'setup-recipe-image',
        command: 'setup-recipe-command',
        prepare: 'setup-recipe-prepare',
        artifacts: 'setup-recipe-artifacts',
      };
      return fields[part ?? ''] ?? 'setup-recipe-suite';
    }
    case 'ci': {
      const fields: Record<string, SetupField> = {
        keys: 'setup-ci-key-value',
        suite: 'setup-ci-suite',
        component: 'setup-ci-component',
        architecture: 'setup-ci-architecture',
      };
      return fields[second ?? ''] ?? (answers.ci.kind === 'apt' ? 'setup-ci-url' : 'setup-ci-path');
    }
    case 'aptProd': {
      const fields: Record<string, SetupField> = {
        url: 'setup-aptprod-url',
        origin: 'setup-aptprod-origin',
        label: 'setup-aptprod-label',
        suite: 'setup-aptprod-suite',
      };
      return fields[second ?? ''] ?? 'setup-aptprod-path';
    }
    default:
      return 'setup-source';
  }
}

/**
 * What is missing or malformed before anything is sent: a plain sentence per
 * field, in the wizard's order. The engine checks everything again.
 */
export function checkAnswers(answers: SetupAnswers): FieldProblems {
  const problems: FieldProblems = {};
  const need = (field: SetupField, value: string, message: string) => {
    if (value.trim() === '' && !problems[field]) problems[field] = message;
  };
  need('setup-source', answers.source, 'Give the source: a local git repository’s path or a URL.');
  need('setup-dir', answers.dir, 'Give the folder where project.json will be written.');
  need('setup-name', answers.name, 'Give the project a name.');
  if (answers.signers.length === 0) {
    problems['setup-signer-value'] = 'Add at least one trusted signer’s key.';
  } else if (!answers.keysTrusted) {
    problems['setup-signers-trust'] =
      'Read the keys, check each fingerprint, then confirm “Trust these keys”.';
  }
  const recipe = answers.recipe;
  if (recipe.enabled) {
    if (recipe.baseKind === 'bootstrap') {
      need('setup-recipe-suite', recipe.suite, 'Give the Debian suite the base is made from.');
    } else {
      need('setup-recipe-image', recipe.image, 'Give the base image, pinned by digest.');
    }
    if (recipe.preset === 'custom') {
      need('setup-recipe-command', recipe.command, 'Give the command that builds the release.');
    }
    need('setup-recipe-artifacts', recipe.artifacts, 'Give at least one artifact pattern.');
  }
  if (answers.ci.kind === 'apt') {
    need('setup-ci-url', answers.ci.url, 'Give the apt repository’s root: a URL or a path.');
    if (answers.ci.keys.length === 0) {
      problems['setup-ci-key-value'] = 'Add the key that signs this repository’s Release.';
    }
  } else if (answers.ci.kind !== 'none') {
    need('setup-ci-path', answers.ci.path, `Give the ${answers.ci.kind}’s path.`);
  }
  if (answers.aptProd.enabled) {
    need('setup-aptprod-path', answers.aptProd.path, 'Give apt-prod’s folder.');
  }

  const parsed = initProjectRequestSchema.safeParse(initRequestFrom(answers));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path, answers);
      problems[field] ??= /^[a-z]/.test(issue.message)
        ? `Expected ${issue.message}.`
        : `${issue.message}.`;
    }
  }
  return problems;
}

/** The first field with a problem, in the order the wizard shows them. */
export function firstProblemField(problems: FieldProblems): SetupField | null {
  const fields = Object.keys(SETUP_FIELDS) as SetupField[];
  return fields.find((field) => problems[field] !== undefined) ?? null;
}

/** A key source as typed: a gpg fingerprint loses its spaces; null with a reason when malformed. */
export function keySourceFrom(
  kind: KeySource['kind'],
  value: string,
): { source: KeySource } | { problem: string } {
  const text = value.trim();
  if (text === '') {
    const what = { file: 'a key file’s path', gpg: 'a fingerprint', armored: 'an armored key' };
    return { problem: `Give ${what[kind]}.` };
  }
  const candidate =
    kind === 'file'
      ? { kind, path: text }
      : kind === 'gpg'
        ? { kind, fingerprint: text.replace(/\s+/g, '') }
        : { kind, text: `${text}\n` };
  const parsed = keySourceSchema.safeParse(candidate);
  if (parsed.success) return { source: parsed.data };
  return {
    problem:
      kind === 'gpg'
        ? 'A full fingerprint: 40 hex digits (spaces are fine).'
        : (parsed.error.issues[0]?.message ?? 'Not a key.'),
  };
}

/** How a key source reads in a list. */
export function describeKeySource(source: KeySource): string {
  if (source.kind === 'file') return `File ${source.path}`;
  if (source.kind === 'gpg') return `GnuPG keyring ${source.fingerprint}`;
  const lines = source.text.trim().split('\n').length;
  return `Pasted key (${lines} lines)`;
}

const PLACE_BY_CODE: Partial<Record<AppError['code'], SetupQuestion>> = {
  NOT_A_GIT_REPOSITORY: 'source',
  REPO_UNREADABLE: 'source',
  FETCH_FAILED: 'source',
  TAG_NOT_FOUND: 'source',
  PROJECT_EXISTS: 'project',
  PROJECT_ID_IN_USE: 'project',
  PROJECT_UNREADABLE: 'project',
  INVALID_PROJECT: 'project',
  NOT_OPENPGP: 'signers',
  KEY_NOT_IN_KEYRING: 'signers',
  INVALID_KEYRING: 'signers',
  KEYBOX_FORMAT: 'signers',
  INVALID_KEY: 'signers',
  NO_RECIPE: 'rebuild',
  IMAGE_FAILED: 'rebuild',
  NO_CI_SOURCE: 'ci',
  SOURCE_UNREADABLE: 'ci',
  INVALID_ARCHIVE: 'ci',
  UNSUPPORTED_ARCHIVE: 'ci',
  INVALID_REPOSITORY: 'ci',
  SUITE_AMBIGUOUS: 'ci',
  NOT_APT_SOURCE: 'ci',
  REPOSITORY_UNREACHABLE: 'ci',
  REPOSITORY_UNSIGNED: 'ci',
  REPOSITORY_SIGNATURE_INVALID: 'ci',
  REPOSITORY_EXPIRED: 'ci',
  INDEX_HASH_MISMATCH: 'ci',
  INDEX_MISSING: 'ci',
  SIGNED_RELEASE_INVALID: 'ci',
  DOWNLOAD_INCOMPLETE: 'ci',
  APT_PROD_INVALID: 'aptProd',
  APT_PROD_TAMPERED: 'aptProd',
  NO_APT_PROD: 'aptProd',
};

const KEY_CODES = new Set<AppError['code']>([
  'NOT_OPENPGP',
  'KEY_NOT_IN_KEYRING',
  'INVALID_KEYRING',
  'KEYBOX_FORMAT',
  'INVALID_KEY',
]);

/**
 * The question an engine refusal of "Create project" belongs to: by its code,
 * by the field a request check names, or by what the message speaks of (a key
 * of CI's repository rather than a signer's). Anything else stays by the button.
 */
export function questionOfError(error: AppError, answers: SetupAnswers): SetupQuestion {
  if (error.code === 'INVALID_REQUEST') {
    const named = /not valid: ([A-Za-z][\w.]*):/.exec(error.message)?.[1];
    if (named) return SETUP_FIELDS[fieldOfPath(named.split('.'), answers)];
    return 'create';
  }
  if (KEY_CODES.has(error.code) && answers.ci.keys.length > 0) {
    if (/\b(CI|apt|repository)\b/i.test(`${error.message} ${error.hint ?? ''}`)) return 'ci';
  }
  return PLACE_BY_CODE[error.code] ?? 'create';
}
