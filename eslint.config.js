// One flat config. Besides style, it enforces the process layering:
// shared is pure, the renderer reaches the engine only through shared's contract,
// the core never imports electron, and raw IPC lives in exactly two wrapper files.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import { engineLayering } from './eslint/engineLayering.js';
import { rendererLayering } from './eslint/rendererLayering.js';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const noNode = { name: 'node', message: 'Bad layering: this layer runs without Node.' };
const layer = (paths, patterns) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});
const nodePaths = nodeBuiltins.map((name) => ({ name, message: noNode.message }));
const electronPath = {
  name: 'electron',
  message: 'Bad layering: only electron/main and electron/preload may import electron.',
};
const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Use the typed wrappers (electron/main/ipcHandlers.ts, electron/preload/preload.ts).',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'electron/core/tag/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['shared/**/*.ts'],
    rules: layer(
      [...nodePaths, electronPath, { name: 'react', message: 'shared is pure: no UI.' }],
      [
        {
          group: ['**/electron/**', '**/renderer/**'],
          message: 'Bad layering: shared depends on nothing.',
        },
      ],
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...layer(
        [...nodePaths, electronPath],
        [
          {
            group: ['**/electron/**'],
            message: 'Bad layering: the renderer reaches the engine only through shared/.',
          },
        ],
      ),
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: layer(
      [electronPath],
      [
        { group: ['**/renderer/**'], message: 'Bad layering: the core knows no UI.' },
        {
          group: ['**/main/**', '**/preload/**', '**/server/**', '**/cli/**'],
          message: 'Bad layering: the core is called by transports, never the reverse.',
        },
      ],
    ),
  },
  {
    files: ['electron/server/**/*.ts', 'electron/cli/**/*.ts'],
    rules: layer(
      [electronPath],
      [{ group: ['**/renderer/**', '**/main/**', '**/preload/**'], message: 'Bad layering.' }],
    ),
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    ignores: ['electron/main/ipcHandlers.ts', 'electron/preload/preload.ts'],
    rules: layer([rawIpc], [{ group: ['**/renderer/**'], message: 'Bad layering.' }]),
  },
  ...engineLayering,
  ...rendererLayering,
);
