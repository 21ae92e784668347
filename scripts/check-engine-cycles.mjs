#!/usr/bin/env node
// Fails when two engine folders import each other, directly or around a loop.
// A folder is a step or front door (electron/core/tag, …), a library
// (electron/core/lib/<name>) or the audit log (electron/core/audit). Product code
// only: tests and testing/ helpers may reach across for fixtures.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const CORE = join(ROOT, 'electron', 'core');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/g;

function* productFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'testing' && entry.name !== 'fixtures') yield* productFiles(path);
    } else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
      yield path;
    }
  }
}

/** The engine folder a file belongs to, or null outside the engine. */
function folderOf(file) {
  const parts = relative(CORE, file).split(sep);
  if (parts[0] === '..' || parts.length === 0) return null;
  if (parts.length === 1) return parts[0].replace(/\.ts$/, '');
  return parts[0] === 'lib' ? `lib/${parts[1]}` : parts[0];
}

const edges = new Map();
for (const file of productFiles(CORE)) {
  const from = folderOf(file);
  for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const to = folderOf(resolve(dirname(file), match[1]));
    if (!to || to === from) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    edges.get(from).set(to, relative(ROOT, file));
  }
}

// Tarjan's strongly connected components: any component of two or more folders is a cycle.
let index = 0;
const stack = [];
const seen = new Map();
const cycles = [];
function connect(node) {
  const state = { index, low: index, onStack: true };
  seen.set(node, state);
  index += 1;
  stack.push(node);
  for (const next of edges.get(node)?.keys() ?? []) {
    if (!seen.has(next)) {
      connect(next);
      state.low = Math.min(state.low, seen.get(next).low);
    } else if (seen.get(next).onStack) {
      state.low = Math.min(state.low, seen.get(next).index);
    }
  }
  if (state.low === state.index) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      seen.get(member).onStack = false;
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component);
  }
}
for (const node of edges.keys()) if (!seen.has(node)) connect(node);

const folders = new Set([...edges.keys(), ...[...edges.values()].flatMap((to) => [...to.keys()])]);
const edgeCount = [...edges.values()].reduce((sum, to) => sum + to.size, 0);
if (cycles.length === 0) {
  console.log(`engine folders: ${folders.size}, imports between them: ${edgeCount}, cycles: none`);
  process.exit(0);
}
for (const cycle of cycles) {
  console.error(`Import cycle between engine folders: ${cycle.sort().join(', ')}`);
  for (const from of cycle) {
    for (const [to, file] of edges.get(from) ?? []) {
      if (cycle.includes(to)) console.error(`  ${from} -> ${to} (e.g. ${file})`);
    }
  }
}
process.exit(1);
