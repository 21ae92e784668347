// Engine layering: transports reach the engine only through front doors, a library
// never imports a step, a step never imports another step's internals, and test-only
// helpers (testing/) stay out of product code. The rules themselves: engineRules.js.
import { engineRules } from './engineRules.js';

export const engineLayering = [
  {
    files: ['electron/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts', 'shared/**/*.ts'],
    plugins: { countersign: engineRules },
    rules: {
      'countersign/front-doors': 'error',
      'countersign/engine-layering': 'error',
      'countersign/no-testing-in-product': 'error',
    },
  },
];
