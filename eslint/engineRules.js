// Local lint rules for the engine's layout (VS Code's code-no-deep-import-of-internal
// and code-layering rules are the model): every import is resolved to a path,
// then judged by where it comes from and where it goes.
import { dirname, relative, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const CORE = 'electron/core/';
const LIBRARIES = new Set(['lib', 'audit']);

/** A repository-relative path with forward slashes and without its extension. */
function repoPath(file) {
  return relative(ROOT, file)
    .split(sep)
    .join('/')
    .replace(/\.(tsx?|m?js)$/, '');
}

/** Where an import lands: its repository path, or null for a package. */
function target(context, source) {
  if (!source.startsWith('.')) return null;
  return repoPath(resolve(dirname(context.filename), source));
}

/** The engine folder a path is in ('tag', 'lib', 'countersignCore', …), or null outside the engine. */
function engineFolder(path) {
  return path.startsWith(CORE) ? path.slice(CORE.length).split('/')[0] : null;
}

const isFrontDoor = (path, folder) =>
  folder === 'countersignCore'
    ? path === `${CORE}countersignCore`
    : path === `${CORE}${folder}/index`;

const isTest = (path) => /\.test$/.test(path) || path.split('/').includes('testing');
const isTestingHelper = (path) => path.split('/').includes('testing');
/** Tests share fixtures: a test may import any testing/ helper, wherever it lives. */
const testSharesFixture = (from, path) => isTest(from) && isTestingHelper(path);

function onImports(context, check) {
  const visit = (node) => {
    if (node.source && typeof node.source.value === 'string') check(node.source, node.source.value);
  };
  return {
    ImportDeclaration: visit,
    ExportNamedDeclaration: visit,
    ExportAllDeclaration: visit,
    ImportExpression: visit,
  };
}

/** Transports, benchmarks and fixtures reach the engine only through its front doors. */
const frontDoors = {
  meta: {
    type: 'problem',
    docs: { description: 'Outside the engine, import only its front doors.' },
    messages: {
      deep: "Deep import of '{{path}}': outside the engine, import its front door '{{door}}' instead ({{doorFile}}).",
      library:
        "'{{path}}' is a library inside the engine: reach what you need through the front door of the step that uses it (electron/core/<step>/index.ts).",
    },
    schema: [],
  },
  create(context) {
    const from = repoPath(context.filename);
    if (engineFolder(from) !== null) return {};
    return onImports(context, (node, source) => {
      const path = target(context, source);
      const folder = path && engineFolder(path);
      if (!folder || isFrontDoor(path, folder) || testSharesFixture(from, path)) return;
      if (LIBRARIES.has(folder)) {
        context.report({ node, messageId: 'library', data: { path } });
        return;
      }
      const doorFile =
        folder === 'countersignCore' ? `${CORE}countersignCore.ts` : `${CORE}${folder}/index.ts`;
      const door = relative(dirname(from), doorFile.replace(/\.ts$/, '')).split(sep).join('/');
      context.report({ node, messageId: 'deep', data: { path, door, doorFile } });
    });
  },
};

/** Inside the engine: a library never imports a step; a step never imports another step's internals. */
const engineLayering = {
  meta: {
    type: 'problem',
    docs: { description: 'Libraries below steps; steps meet only at front doors.' },
    messages: {
      libraryImportsStep:
        "Bad layering: a library never imports a step. '{{path}}' is in the step '{{folder}}'; move what both need into electron/core/lib/ or electron/core/audit/.",
      otherStepInternals:
        "A step never imports another step's internals: import '{{path}}' through the front door {{doorFile}}.",
      core: 'countersignCore combines the steps; a step or library never imports it.',
    },
    schema: [],
  },
  create(context) {
    const from = repoPath(context.filename);
    const own = engineFolder(from);
    if (own === null || own === 'countersignCore') return {};
    return onImports(context, (node, source) => {
      const path = target(context, source);
      const folder = path && engineFolder(path);
      if (!folder || folder === own || testSharesFixture(from, path)) return;
      if (folder === 'countersignCore') {
        if (!isTest(from)) context.report({ node, messageId: 'core' });
        return;
      }
      if (LIBRARIES.has(folder)) return;
      if (LIBRARIES.has(own)) {
        if (!isTest(from))
          context.report({ node, messageId: 'libraryImportsStep', data: { path, folder } });
        return;
      }
      if (!isFrontDoor(path, folder)) {
        context.report({
          node,
          messageId: 'otherStepInternals',
          data: { path, doorFile: `${CORE}${folder}/index.ts` },
        });
      }
    });
  },
};

/** Test-only helpers live in testing/ folders, and product code never imports them. */
const noTestingInProduct = {
  meta: {
    type: 'problem',
    docs: { description: 'Product code never imports test-only helpers.' },
    messages: {
      testing:
        "'{{path}}' is a test-only helper (testing/): tests use it, product code never imports it.",
    },
    schema: [],
  },
  create(context) {
    const from = repoPath(context.filename);
    if (isTest(from)) return {};
    return onImports(context, (node, source) => {
      const path = target(context, source);
      if (path && path.split('/').includes('testing')) {
        context.report({ node, messageId: 'testing', data: { path } });
      }
    });
  },
};

export const engineRules = {
  rules: {
    'front-doors': frontDoors,
    'engine-layering': engineLayering,
    'no-testing-in-product': noTestingInProduct,
  },
};
