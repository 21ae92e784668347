// Step 3 benchmark: hashing a tree of CI artifacts with Countersign's compare
// against `sha256sum` run over the same files on every core (`xargs -P`), in
// one run, from a warm page cache; then peak memory as the largest file grows.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { open, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const CORES = availableParallelism();
const KB = 1024;
const MB = 1024 * KB;

/** 2,000 files from 1 KB to `largest`, about `total` bytes in all (sizes log-spread, a few big ones). */
function plan(total: number, largest: number): number[] {
  const sizes: number[] = [];
  const big = [largest, largest * 0.75, largest * 0.5, largest * 0.4, largest * 0.3].map(
    Math.floor,
  );
  const left = total - big.reduce((sum, size) => sum + size, 0);
  const small = 2000 - big.length;
  for (let index = 0; index < small; index += 1) {
    // Log-uniform from 1 KB to 4 MB, then scaled so the tree adds up to `total`.
    sizes.push(Math.floor(KB * Math.pow(4096, index / small)));
  }
  const smallSum = sizes.reduce((sum, size) => sum + size, 0);
  const scale = Math.max(1, left / smallSum);
  return [...big, ...sizes.map((size) => Math.min(largest, Math.floor(size * scale)))];
}

async function makeTree(dir: string, sizes: number[]): Promise<number> {
  await mkdir(dir, { recursive: true });
  const block = randomBytes(4 * MB);
  let total = 0;
  for (const [index, size] of sizes.entries()) {
    const handle = await open(join(dir, `artifact-${index}.bin`), 'w');
    // Each file starts differently, so no two hash alike.
    await handle.write(Buffer.from(`${index}\n`));
    let written = 0;
    while (written < size) {
      const chunk = Math.min(block.length, size - written);
      await handle.write(block, 0, chunk);
      written += chunk;
    }
    await handle.close();
    total += size;
  }
  return total;
}

function timeShell(script: string): number {
  const start = performance.now();
  const run = spawnSync('sh', ['-c', script], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`${script} exited ${run.status}`);
  return (performance.now() - start) / 1000;
}

function countersignCompare(tree: string, empty: string): { seconds: number; maxRssKiB: number } {
  const run = spawnSync('npx', ['tsx', 'bench/support/compareOnce.ts', tree, empty, empty], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as {
    seconds: number;
    maxRssKiB: number;
  };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const parent = await mkdtemp(join(tmpdir(), 'cs-bench-compare-'));
try {
  const tree = join(parent, 'tree');
  const empty = join(parent, 'empty');
  await mkdir(empty);
  const bytes = await makeTree(tree, plan(2 * 1024 * MB, 200 * MB));
  const gb = bytes / 1e9;
  // Warm the page cache for both, so disks are not what is measured.
  timeShell(`cat ${tree}/* > /dev/null`);
  const runs = 3;
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    // sha256sum at its best: the fastest of a few batch sizes (few files per process
    // balances big files across cores; more saves process starts).
    theirs.push(
      Math.min(
        ...[1, 8, 64].map((batch) =>
          timeShell(
            `find ${tree} -type f -print0 | xargs -0 -P ${CORES} -n ${batch} sha256sum > /dev/null`,
          ),
        ),
      ),
    );
    ours.push(countersignCompare(tree, empty).seconds);
  }
  const a = median(ours);
  const b = median(theirs);
  console.log(
    `hash 2,000 files, ${gb.toFixed(2)} GB (1 KB to 200 MB), ${CORES} cores, median of ${runs}:`,
  );
  console.log(
    `  sha256sum, xargs -P ${CORES}, best of -n 1/8/64  ${b.toFixed(2)} s  ${(gb / b).toFixed(2)} GB/s`,
  );
  console.log(
    `  countersign compare (folder)                ${a.toFixed(2)} s  ${(gb / a).toFixed(2)} GB/s   ratio ${(b / a).toFixed(2)}x faster than sha256sum`,
  );

  console.log(
    'peak memory of countersign compare as the largest file grows (same 2,000-file shape):',
  );
  for (const largest of [20 * MB, 200 * MB, 800 * MB]) {
    const dir = join(parent, `grow-${largest}`);
    const size = await makeTree(dir, plan(Math.max(largest * 3, 400 * MB), largest));
    const run = countersignCompare(dir, empty);
    console.log(
      `  largest ${(largest / MB).toFixed(0).padStart(4)} MB, tree ${(size / 1e9).toFixed(2)} GB: peak RSS ${(run.maxRssKiB / 1024).toFixed(0)} MB`,
    );
    await rm(dir, { recursive: true, force: true });
  }
} finally {
  await rm(parent, { recursive: true, force: true });
}
