import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { countersignCache } from '../core/demo/index';

// The README's command-line walk of one release, run line by line as it is
// written there: the documentation cannot drift from what the CLI does.

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'countersign.js');
const work: string[] = [];

afterAll(async () => {
  for (const dir of work) await rm(dir, { recursive: true, force: true });
});

/** The sh block under "One release, step by step", as lines with the exit status each expects. */
async function walkLines(): Promise<{ line: string; exit: number }[]> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## One release, step by step'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => ({ line, exit: Number(/# exit (\d)/.exec(line)?.[1] ?? 0) }));
}

it("runs the README's command-line walk of the demo release, each step with the exit status it documents", async () => {
  if (!existsSync(join(ROOT, 'out', 'cli', 'main.js'))) {
    throw new Error('The CLI is not built: run `node scripts/build.mjs` (npm test does) first.');
  }
  const lines = await walkLines();
  expect(lines.length).toBeGreaterThan(5);
  const home = await mkdtemp(join(tmpdir(), 'cs-walk-home-'));
  const demoParent = await mkdtemp(join(tmpdir(), 'cs-walk-'));
  work.push(home, demoParent);
  // The README's own paths, moved into this test's folders.
  const env = {
    ...process.env,
    HOME: home,
    COUNTERSIGN_HOME: join(home, '.local', 'share', 'countersign'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    // The demo's CI build stays cached where it is.
    COUNTERSIGN_CACHE: countersignCache(),
  };
  const demoDir = join(demoParent, 'demo');
  const [setup, ...steps] = lines.map(({ line, exit }) => ({
    line: line.replace('/tmp/countersign-walk', demoDir),
    exit,
  }));
  expect(setup?.line).toMatch(/^export /);
  const prelude = `countersign() { "${process.execPath}" "${BIN}" "$@"; }\n${setup?.line ?? ''}\n`;
  for (const { line, exit } of steps) {
    const run = spawnSync('bash', ['-c', `${prelude}${line}`], {
      env,
      encoding: 'utf8',
      timeout: 600_000,
    });
    expect(run.status, `${line}\n${run.stdout}\n${run.stderr}`).toBe(exit);
  }
}, 1_200_000);
