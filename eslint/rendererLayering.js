// Renderer layering: one step never imports another step; shared pieces live in
// components/, format/ or stores/ (cross-step state only); product code never
// imports test-only helpers. A flat config's later `no-restricted-imports`
// replaces an earlier one for the same file, so every object here restates the
// renderer's base restrictions (no Node, no electron) before adding its own.
import { builtinModules } from 'node:module';

const STEPS = ['Tag', 'Rebuild', 'Compare', 'Review', 'Promote', 'Verify'];

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const basePaths = [
  ...nodeBuiltins.map((name) => ({ name, message: 'Bad layering: this layer runs without Node.' })),
  {
    name: 'electron',
    message: 'Bad layering: only electron/main and electron/preload may import electron.',
  },
];
const basePatterns = [
  {
    group: ['**/electron/**'],
    message: 'Bad layering: the renderer reaches the engine only through shared/.',
  },
];

const noTesting = {
  group: ['**/testing/**', '**/testing'],
  message: 'Test-only helpers (testing/) are for tests; product code never imports them.',
};

const stepsApart = (step) => ({
  // Case-sensitive: shared/compare.ts is the contract, steps/Compare/ a step.
  caseSensitive: true,
  group: STEPS.filter((other) => other !== step).flatMap((other) => [
    `**/${other}/**`,
    `**/${other}`,
  ]),
  message:
    'Steps never import each other: move shared code to renderer/src/components or renderer/src/format.',
});

const storesKnowNoStep = {
  group: ['**/steps/*/**'],
  message:
    'stores/ holds cross-step state only and never imports a step: a step’s store lives in its step folder.',
};

const sharedKnowsNoStep = {
  group: ['**/steps/**', '**/stores/**', '**/shell/**'],
  message:
    'components/ and format/ are shared by every step: they take data as props and import no step, store or shell.',
};

const SOURCES = ['**/*.ts', '**/*.tsx'];
const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**'];

/** Two config objects for an area: its product code (testing/ banned) and its tests. */
function area(folder, patterns) {
  const files = SOURCES.map((source) => `${folder}/${source}`);
  return [
    {
      files,
      ignores: TESTS,
      rules: {
        'no-restricted-imports': [
          'error',
          { paths: basePaths, patterns: [...basePatterns, noTesting, ...patterns] },
        ],
      },
    },
    {
      files: files.flatMap((file) => TESTS.map((test) => [file, test])),
      rules: {
        'no-restricted-imports': [
          'error',
          { paths: basePaths, patterns: [...basePatterns, ...patterns] },
        ],
      },
    },
  ];
}

export const rendererLayering = [
  ...area('renderer', []),
  ...STEPS.flatMap((step) => area(`renderer/src/steps/${step}`, [stepsApart(step)])),
  ...area('renderer/src/stores', [storesKnowNoStep]),
  ...area('renderer/src/components', [sharedKnowsNoStep]),
  ...area('renderer/src/format', [sharedKnowsNoStep]),
];
