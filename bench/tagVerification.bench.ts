// Step 1 benchmark: verifying a signed release tag, against what a user would
// otherwise run (`git verify-tag` with GnuPG), measured side by side in one run.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDemo } from '../electron/core/demo/index';
import { tagInputsOf, verifyTag } from '../electron/core/tag/index';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

function timeRuns(rounds: number, run: () => void): number {
  run(); // warm the page cache and, for gpg, the agent
  const start = performance.now();
  for (let i = 0; i < rounds; i += 1) run();
  return (performance.now() - start) / rounds;
}

async function timeAsync(rounds: number, run: () => Promise<unknown>): Promise<number> {
  await run();
  const start = performance.now();
  for (let i = 0; i < rounds; i += 1) await run();
  return (performance.now() - start) / rounds;
}

function check(result: ReturnType<typeof spawnSync>, what: string, expected: number): void {
  if (result.status !== expected)
    throw new Error(`${what} exited ${result.status}: ${String(result.stderr)}`);
}

const parent = await mkdtemp(join(tmpdir(), 'cs-bench-'));
const gnupgHome = await mkdtemp(join(tmpdir(), 'cs-bench-gpg-'));
try {
  const demo = await createDemo(join(parent, 'demo'), { ci: false });
  const keyring = join(demo.dir, 'keys', 'maintainer.asc');
  const env = { ...process.env, GNUPGHOME: gnupgHome };
  spawnSync('gpg', ['--batch', '--import', keyring], { env });
  await writeFile(join(gnupgHome, 'done'), '');

  const git = timeRuns(ROUNDS, () =>
    check(
      spawnSync('git', ['-C', demo.repoPath, 'verify-tag', 'v1.0.0'], { env }),
      'git verify-tag',
      0,
    ),
  );
  const cli = timeRuns(ROUNDS, () =>
    check(
      spawnSync(process.execPath, [
        'bin/countersign.js',
        'verify-tag',
        '--repo',
        demo.repoPath,
        '--keyring',
        keyring,
        '--tag',
        'v1.0.0',
        '--json',
      ]),
      'countersign verify-tag',
      0,
    ),
  );
  const { repo, trustedKeys } = await tagInputsOf(demo.projectFile);
  const inProcess = await timeAsync(ROUNDS * 5, () =>
    verifyTag({ repo, tag: 'v1.0.0', trustedKeys }),
  );

  const ratio = (ours: number, theirs: number) => (ours / theirs).toFixed(2);
  console.log(
    `verify a signed tag (Ed25519 subkey), mean of ${ROUNDS} runs each, same repo, same key:`,
  );
  console.log(`  git verify-tag (GnuPG)             ${git.toFixed(1)} ms`);
  console.log(
    `  countersign verify-tag (new node)  ${cli.toFixed(1)} ms   ratio ${ratio(cli, git)}x git`,
  );
  console.log(
    `  verifyTag in the running app       ${inProcess.toFixed(1)} ms   ratio ${ratio(inProcess, git)}x git`,
  );
} finally {
  spawnSync('gpgconf', ['--kill', 'all'], { env: { ...process.env, GNUPGHOME: gnupgHome } });
  await rm(parent, { recursive: true, force: true });
  await rm(gnupgHome, { recursive: true, force: true });
}
