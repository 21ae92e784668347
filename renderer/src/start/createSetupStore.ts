import { create } from 'zustand';
import type { CountersignClient } from '../../../shared/api';
import type { AppError } from '../../../shared/errors';
import type { ProjectSummary } from '../../../shared/project';
import type {
  CiInspection,
  KeySource,
  KeysInspection,
  SourceInspection,
} from '../../../shared/projectSetup';
import {
  checkAnswers,
  ciSetupFrom,
  EMPTY_APT_PROD,
  EMPTY_CI,
  EMPTY_RECIPE,
  firstProblemField,
  initRequestFrom,
  questionOfError,
  recipeDraftFrom,
  type AptProdDraft,
  type CiDraft,
  type FieldProblems,
  type RecipeDraft,
  type SetupAnswers,
  type SetupQuestion,
} from './setupAnswers';

export type SetupBusy = 'source' | 'keys' | 'ci' | 'create' | null;

export interface SetupState extends SetupAnswers {
  /** What `setup:inspectSource` found for the source as it was when checked. */
  inspection: SourceInspection | null;
  keysInspection: KeysInspection | null;
  ciInspection: CiInspection | null;
  busy: SetupBusy;
  /** Fields found missing or malformed before sending. */
  problems: FieldProblems;
  /** The engine's refusals, each beside the question it belongs to. */
  errors: Partial<Record<SetupQuestion, AppError>>;
  /** Where focus goes after a refusal (a field's or a question's error's id); `seq` makes each request new. */
  focus: { target: string; seq: number } | null;

  setSource: (source: string) => void;
  inspectSource: () => Promise<void>;
  setProject: (answers: Partial<Pick<SetupAnswers, 'dir' | 'name' | 'id'>>) => void;
  addSigner: (key: KeySource) => void;
  removeSigner: (index: number) => void;
  readKeys: () => Promise<void>;
  trustKeys: () => void;
  setRecipe: (recipe: Partial<RecipeDraft>) => void;
  setCi: (ci: Partial<CiDraft>) => void;
  checkCi: () => Promise<void>;
  setAptProd: (aptProd: Partial<AptProdDraft>) => void;
  /** Checks every answer, then writes and opens the project; the summary, or null when refused. */
  create: () => Promise<ProjectSummary | null>;
  dismissError: (question: SetupQuestion) => void;
  reset: () => void;
}

const EMPTY_ANSWERS: SetupAnswers = {
  source: '',
  dir: '',
  name: '',
  id: '',
  signers: [],
  keysTrusted: false,
  recipe: EMPTY_RECIPE,
  ci: EMPTY_CI,
  aptProd: EMPTY_APT_PROD,
};

const answersOf = (state: SetupState): SetupAnswers => ({
  source: state.source,
  dir: state.dir,
  name: state.name,
  id: state.id,
  signers: state.signers,
  keysTrusted: state.keysTrusted,
  recipe: state.recipe,
  ci: state.ci,
  aptProd: state.aptProd,
});

/** Problems without the given fields' (the user has just changed them). */
function without(problems: FieldProblems, ...fields: (keyof FieldProblems)[]): FieldProblems {
  const next = { ...problems };
  for (const field of fields) delete next[field];
  return next;
}

/**
 * "New project…": every answer, each question's own check (the source's tags
 * and recipe, the keys' fingerprints, CI's signed Release) and the engine's
 * refusals placed beside the question they belong to. Built from a client so
 * tests can hand it a fake engine.
 */
export function createSetupStore(client: CountersignClient) {
  let focusSeq = 0;

  return create<SetupState>()((set, get) => {
    const setError = (question: SetupQuestion, error: AppError | null) =>
      set((state) => {
        const errors = { ...state.errors };
        if (error) errors[question] = error;
        else delete errors[question];
        return { errors };
      });
    const focusOn = (target: string) => set({ focus: { target, seq: ++focusSeq } });

    return {
      ...EMPTY_ANSWERS,
      inspection: null,
      keysInspection: null,
      ciInspection: null,
      busy: null,
      problems: {},
      errors: {},
      focus: null,

      setSource: (source) =>
        set((state) => ({ source, problems: without(state.problems, 'setup-source') })),

      async inspectSource() {
        if (get().busy) return;
        const source = get().source.trim();
        if (source === '') {
          set((state) => ({
            problems: {
              ...state.problems,
              'setup-source': 'Give the source: a local git repository’s path or a URL.',
            },
          }));
          focusOn('setup-source');
          return;
        }
        set({ busy: 'source', inspection: null });
        setError('source', null);
        const outcome = await client.invoke('setup:inspectSource', { source });
        set({ busy: null });
        if (!outcome.ok) {
          setError('source', outcome.error);
          return;
        }
        const inspection = outcome.value;
        set((state) => ({
          inspection,
          // The suggestion fills the name only while the user has not written one.
          name: state.name.trim() === '' ? inspection.suggestedName : state.name,
          recipe: recipeDraftFrom(inspection.recipe),
          problems: without(state.problems, 'setup-name'),
        }));
      },

      setProject: (answers) =>
        set((state) => ({
          ...answers,
          problems: without(
            state.problems,
            ...(Object.keys(answers).map((key) => `setup-${key}`) as (keyof FieldProblems)[]),
          ),
        })),

      addSigner: (key) =>
        set((state) => ({
          signers: [...state.signers, key],
          keysInspection: null,
          keysTrusted: false,
          problems: without(state.problems, 'setup-signer-value', 'setup-signers-trust'),
        })),

      removeSigner: (index) =>
        set((state) => ({
          signers: state.signers.filter((_, at) => at !== index),
          keysInspection: null,
          keysTrusted: false,
        })),

      async readKeys() {
        if (get().busy) return;
        const keys = get().signers;
        if (keys.length === 0) {
          set((state) => ({
            problems: {
              ...state.problems,
              'setup-signer-value': 'Add at least one trusted signer’s key.',
            },
          }));
          focusOn('setup-signer-value');
          return;
        }
        set({ busy: 'keys', keysInspection: null, keysTrusted: false });
        setError('signers', null);
        const outcome = await client.invoke('setup:inspectKeys', { keys });
        set({ busy: null });
        if (outcome.ok) set({ keysInspection: outcome.value });
        else setError('signers', outcome.error);
      },

      trustKeys: () =>
        set((state) =>
          state.keysInspection
            ? { keysTrusted: true, problems: without(state.problems, 'setup-signers-trust') }
            : {},
        ),

      setRecipe: (recipe) =>
        set((state) => ({
          recipe: { ...state.recipe, ...recipe },
          problems: without(
            state.problems,
            ...(Object.keys(recipe).map((key) => `setup-recipe-${key}`) as (keyof FieldProblems)[]),
          ),
        })),

      setCi: (ci) =>
        set((state) => ({
          ci: { ...state.ci, ...ci },
          ciInspection: null,
          problems: without(
            state.problems,
            ...(Object.keys(ci).map((key) =>
              key === 'keys' ? 'setup-ci-key-value' : `setup-ci-${key}`,
            ) as (keyof FieldProblems)[]),
          ),
        })),

      async checkCi() {
        if (get().busy) return;
        const ci = ciSetupFrom(get().ci);
        if (!ci) return;
        const problems = checkAnswers(answersOf(get()));
        const ciField = get().ci.kind === 'apt' ? 'setup-ci-url' : 'setup-ci-path';
        const missing = problems[ciField] ?? problems['setup-ci-key-value'];
        if (missing) {
          const field = problems[ciField] ? ciField : 'setup-ci-key-value';
          set((state) => ({ problems: { ...state.problems, [field]: missing } }));
          focusOn(field);
          return;
        }
        set({ busy: 'ci', ciInspection: null });
        setError('ci', null);
        const outcome = await client.invoke('setup:checkCi', ci);
        set({ busy: null });
        if (outcome.ok) set({ ciInspection: outcome.value });
        else setError('ci', outcome.error);
      },

      setAptProd: (aptProd) =>
        set((state) => ({
          aptProd: { ...state.aptProd, ...aptProd },
          problems: without(
            state.problems,
            ...(Object.keys(aptProd).map(
              (key) => `setup-aptprod-${key}`,
            ) as (keyof FieldProblems)[]),
          ),
        })),

      async create() {
        if (get().busy) return null;
        const answers = answersOf(get());
        const problems = checkAnswers(answers);
        const first = firstProblemField(problems);
        set({ problems });
        if (first) {
          focusOn(first);
          return null;
        }
        set({ busy: 'create', errors: {} });
        const outcome = await client.invoke('setup:create', initRequestFrom(answers));
        set({ busy: null });
        if (outcome.ok) return outcome.value;
        const question = questionOfError(outcome.error, answers);
        setError(question, outcome.error);
        focusOn(`setup-${question}-error`);
        return null;
      },

      dismissError: (question) => setError(question, null),

      reset: () =>
        set({
          ...EMPTY_ANSWERS,
          inspection: null,
          keysInspection: null,
          ciInspection: null,
          busy: null,
          problems: {},
          errors: {},
          focus: null,
        }),
    };
  });
}
