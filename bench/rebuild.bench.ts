// Step 2 benchmark: our rebuild against the same build run by hand with
// `docker run` on the same base image, in one run; then a second rebuild.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { rebuildRecipeSchema } from '../shared/rebuild';
import { createDemo, DEMO_RECIPE } from '../electron/core/demo/index';
import { ensureBaseImage, rebuildRelease } from '../electron/core/rebuild/index';

const silent = { phase: () => {}, log: () => {} };

/** What a release manager would type: one container, sources piped in, deps and build in one go. */
function byHand(repo: string, commit: string, image: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script =
      'set -e; mkdir -p /build && tar -x -C /build && cd /build/src && export DEBIAN_FRONTEND=noninteractive && ' +
      'apt-get update -qq && apt-get build-dep -y -qq ./ >/dev/null && dpkg-buildpackage -us -uc -b >/dev/null';
    const archive = spawn('git', ['-C', repo, 'archive', '--format=tar', '--prefix=src/', commit]);
    const run = spawn('docker', ['run', '--rm', '-i', image, 'sh', '-c', script], {
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    archive.stdout.pipe(run.stdin);
    run.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`docker run exited ${code}`)),
    );
  });
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

const parent = await mkdtemp(join(tmpdir(), 'cs-bench-rebuild-'));
try {
  const demo = await createDemo(join(parent, 'demo'), { ci: false });
  const commit = execFileSync('git', ['-C', demo.repoPath, 'rev-parse', 'v1.0.0^{commit}'])
    .toString('utf8')
    .trim();
  const recipe = rebuildRecipeSchema.parse(DEMO_RECIPE);
  const bootstrap = await timed(() => ensureBaseImage(recipe.base, () => {}));
  const image = await ensureBaseImage(recipe.base, () => {});
  const input = { repo: demo.repoPath, tag: 'v1.0.0', commit, recipe, report: silent };

  const hand = await timed(() => byHand(demo.repoPath, commit, image.reference));
  const ours = await timed(() => rebuildRelease({ ...input, outDir: join(parent, 'first') }));
  const again = await timed(() => rebuildRelease({ ...input, outDir: join(parent, 'second') }));

  console.log('rebuild the demo package (dpkg-buildpackage), same base image, one run:');
  console.log(
    `  base image ready                   ${bootstrap.toFixed(1)} s ${bootstrap < 5 ? '(cached)' : '(bootstrapped with mmdebstrap)'}`,
  );
  console.log(`  by hand: docker run, deps + build  ${hand.toFixed(1)} s`);
  console.log(
    `  countersign rebuild                ${ours.toFixed(1)} s   ratio ${(ours / hand).toFixed(2)}x by hand (overhead ${(((ours - hand) / hand) * 100).toFixed(0)}%)`,
  );
  console.log(
    `  second rebuild, cached image       ${again.toFixed(1)} s   ratio ${(again / hand).toFixed(2)}x by hand`,
  );
} finally {
  await rm(parent, { recursive: true, force: true });
}
