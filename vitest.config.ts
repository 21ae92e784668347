import { defineConfig } from 'vitest/config';

// Three projects: fast units beside the code; the renderer's components in
// jsdom (`*.test.tsx`); and integration tests that drive real git, GnuPG,
// Docker and diffoscope (slower, one worker at a time per file).
export default defineConfig({
  // The renderer's TSX with React's automatic runtime, as vite.config.ts builds it.
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          include: ['renderer/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['renderer/src/testing/componentSetup.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['electron/**/*.integration.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
