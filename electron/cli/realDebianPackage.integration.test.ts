import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareResult } from '../../shared/compare';
import type { TagVerdict } from '../../shared/tags';
import {
  debianArchiveUnreachable,
  debianSourceRelease,
  type DebianSourceRelease,
} from './testing/debianSourceRelease';

// A release nobody here wrote, walked with the built CLI as docs/real-packages.md
// walks it: Debian's tree 2.1.0-1 from `apt-get source`, tagged debian/2.1.0-1
// by a throwaway maintainer, rebuilt in Countersign's bookworm image, compared
// with the package in Debian's own archive, and its differences listed.
// Every slow step runs once, in beforeAll; the tests read what it left.

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'countersign.js');
const SOURCE = 'tree';
const VERSION = '2.1.0-1';
const PACKAGE = 'tree_2.1.0-1_amd64.deb';

/** The differences docs/real-packages.md explains ("Why tree differs"), as review --list names them. */
// The .deb's own file list differs only in the sizes of data.tar.xz, whose differences are
// listed: it follows from them (decided with them), so it is not one to decide on its own.
const DOCUMENTED_DIFFERENCES = [
  `${PACKAGE} ▸ data.tar.xz ▸ data.tar ▸ file list`,
  `${PACKAGE} ▸ data.tar.xz ▸ data.tar ▸ ./usr/bin/tree`,
  `${PACKAGE} ▸ data.tar.xz ▸ data.tar ▸ ./usr/bin/tree ▸ readelf --wide --notes {}`,
  `${PACKAGE} ▸ data.tar.xz ▸ data.tar ▸ ./usr/bin/tree ▸ readelf --wide --decompress --hex-dump=.gnu_debuglink {}`,
];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

interface ReviewList {
  artifacts: {
    name: string;
    verdict: string;
    differences: { id: string; decision: unknown }[];
  }[];
}

// Probed once, before any test is collected: without Debian's archive there is nothing to walk.
const unreachable = await debianArchiveUnreachable();

let home: string;
let release: DebianSourceRelease;
const runs: Record<'verifyTag' | 'rebuild' | 'compare' | 'review', Run | null> = {
  verifyTag: null,
  rebuild: null,
  compare: null,
  review: null,
};

/** The built CLI in this test's COUNTERSIGN_HOME, timed (wall clock). */
function countersign(args: string[]): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, COUNTERSIGN_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

function ran(step: keyof typeof runs): Run {
  const run = runs[step];
  if (!run) throw new Error(`${step} did not run: see the error beforeAll reported`);
  return run;
}

beforeAll(async () => {
  if (unreachable) return;
  if (!existsSync(join(import.meta.dirname, '..', '..', 'out', 'cli', 'main.js'))) {
    throw new Error('The CLI is not built: run `node scripts/build.mjs` (npm test does) first.');
  }
  home = await mkdtemp(join(tmpdir(), 'cs-real-debian-home-'));
  release = await debianSourceRelease(SOURCE, VERSION);
  const project = ['--project', release.projectFile, '--tag', release.tag, '--json'];
  runs.verifyTag = await countersign(['verify-tag', ...project]);
  runs.rebuild = await countersign(['rebuild', ...project]);
  runs.compare = await countersign(['compare', ...project]);
  const { savedTo } = JSON.parse(runs.compare.stdout) as { savedTo: string };
  runs.review = await countersign(['review', '--review', dirname(savedTo), '--list', '--json']);
  const times = Object.entries(runs).map(([step, run]) => `${step} ${run?.seconds.toFixed(1)} s`);
  process.stdout.write(`${SOURCE} ${VERSION} walked: ${times.join(', ')}\n`);
}, 900_000);

afterAll(async () => {
  await release?.remove();
  if (home) await rm(home, { recursive: true, force: true });
});

describe(`a real Debian package (${SOURCE} ${VERSION}) against Debian's archive`, () => {
  it('verifies the DEP-14 tag the throwaway maintainer signed', (context) => {
    if (unreachable) context.skip(unreachable);
    const run = ran('verifyTag');
    expect(run.code, run.stderr).toBe(0);
    expect(release.tag).toBe('debian/2.1.0-1');
    expect(JSON.parse(run.stdout)).toMatchObject({
      verdict: 'verified',
      tagName: release.tag,
      taggedObject: { type: 'commit' },
      commit: release.commit,
      signer: { primaryKeyFingerprint: release.maintainer },
    } satisfies Partial<Record<keyof TagVerdict, unknown>>);
  });

  it("rebuilds the tag in Countersign's bookworm image", (context) => {
    if (unreachable) context.skip(unreachable);
    const run = ran('rebuild');
    expect(run.code, run.stderr).toBe(0);
    const { artifacts } = JSON.parse(run.stdout) as { artifacts: { name: string }[] };
    expect(artifacts.map((artifact) => artifact.name)).toEqual(
      expect.arrayContaining([PACKAGE, 'tree-dbgsym_2.1.0-1_amd64.deb']),
    );
  });

  it("takes from Debian's archive only this release's package, checked against its keys", async (context) => {
    if (unreachable) context.skip(unreachable);
    const run = ran('compare');
    expect(run.code, run.stderr).toBe(1); // something differs
    const result = JSON.parse(run.stdout) as CompareResult & { savedTo: string };
    expect(result.ci.kind).toBe('apt');
    expect(result.ci.repository?.suite).toBe('bookworm');
    expect(release.archiveKeys).toEqual(
      expect.arrayContaining(result.ci.repository?.signedBy ?? []),
    );
    expect(result.artifacts.map((artifact) => artifact.name)).toEqual([PACKAGE]);
    // Fetched: one package out of bookworm's main, not the archive.
    const fetched = await readdir(join(dirname(result.savedTo), 'ci-packages'));
    expect(fetched).toHaveLength(1);
    // Debian keeps debug symbols in debian-debug: set aside, not "only local".
    expect(result.local.skipped.map((skipped) => skipped.path)).toContain(
      'tree-dbgsym_2.1.0-1_amd64.deb',
    );
  });

  it('differs exactly as docs/real-packages.md explains, each difference listed for review', (context) => {
    if (unreachable) context.skip(unreachable);
    const compared = JSON.parse(ran('compare').stdout) as CompareResult;
    expect(compared.artifacts).toMatchObject([{ name: PACKAGE, status: 'differs' }]);
    const run = ran('review');
    expect(run.code, run.stderr).toBe(1); // not approved: nobody has decided yet
    const { artifacts } = JSON.parse(run.stdout) as ReviewList;
    expect(artifacts).toHaveLength(1);
    expect(artifacts[0]?.verdict).toBe('unreviewed');
    expect(artifacts[0]?.differences.map((difference) => difference.id).sort()).toEqual(
      [...DOCUMENTED_DIFFERENCES].sort(),
    );
  });
});
