import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareRelease } from '../core/compare/index';
import { createCountersignCore, type CountersignCore } from '../core/countersignCore';
import {
  loadProject,
  releaseFolder,
  type JobReporter,
  type LoadedProject,
} from '../core/project/index';
import { rebuildVerifiedTag } from '../core/rebuild/index';
import { makeDemo } from './demoFixture';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'countersign.js');
export const QUIET: JobReporter = { phase: () => {}, log: () => {} };

/** The demo release rebuilt (real Docker) and compared with CI's apt-test, in its own home. */
export interface ComparedDemo {
  demo: Awaited<ReturnType<typeof makeDemo>>;
  home: string;
  project: LoadedProject;
  reviewDir: string;
  core: CountersignCore;
  /** Runs the built CLI in this home. */
  countersign(args: string[]): { code: number | null; stdout: string; stderr: string };
  remove(): Promise<void>;
}

/**
 * Makes the demo with CI, points COUNTERSIGN_HOME at a fresh folder, rebuilds
 * and compares `tag` with the engine's own functions: steps 1 to 3 done, for
 * the tests of the steps after them. remove() restores the environment.
 */
export async function comparedDemo(
  tag: string,
  name: string,
  options: { epoch?: number } = {},
): Promise<ComparedDemo> {
  if (!existsSync(join(import.meta.dirname, '..', '..', 'out', 'cli', 'main.js'))) {
    throw new Error('The CLI is not built: run `node scripts/build.mjs` (npm test does) first.');
  }
  const previousHome = process.env.COUNTERSIGN_HOME;
  const home = await mkdtemp(join(tmpdir(), `cs-${name}-home-`));
  process.env.COUNTERSIGN_HOME = home;
  const demo = await makeDemo({ ci: true, ...options });
  const project = await loadProject(demo.projectFile);
  await rebuildVerifiedTag(project, tag, false, QUIET);
  await compareRelease(project, tag, { packages: [] }, QUIET);
  return {
    demo,
    home,
    project,
    reviewDir: await releaseFolder(project, tag),
    core: createCountersignCore(demo.projectFile),
    countersign: (args) => {
      const result = spawnSync(process.execPath, [BIN, ...args], {
        encoding: 'utf8',
        env: { ...process.env, COUNTERSIGN_HOME: home },
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    remove: async () => {
      if (previousHome === undefined) delete process.env.COUNTERSIGN_HOME;
      else process.env.COUNTERSIGN_HOME = previousHome;
      await demo.remove();
      await rm(home, { recursive: true, force: true });
    },
  };
}
