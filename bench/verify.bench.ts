// Step 6 benchmark: QA's verify-repo over an apt-prod published and signed
// for real (Ed25519) by Countersign's publish, against what a careful QA
// person would otherwise run by hand over the same folder — gpgv, then
// sha256sum -c of the indexes and of every package on both cores
// (bench/support/verifyRepoByHand.ts says what that does and does not check)
// — side by side in one run, from a warm page cache. Both must first agree
// that apt-prod verifies, and both must catch one flipped byte in one package.
// Countersign runs in a fresh process (this file, with --countersign), so its
// peak memory is its own; its time is verifyRepository's, without Node's start.
// Two apt-prods, each its own block and ratio, because they measure different
// things: 5,000 tiny packages (about 1.1 KB each, syntheticPool), where the
// cost per file (opening, scheduling, the chain checked per package) is all
// there is to measure; and 200 packages of about 4 MB each (about 800 MB,
// largePool, incompressible), where hashing throughput is, as with real
// Debian packages.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as openpgp from 'openpgp';
import {
  publish,
  readReleaseKey,
  scanDebs,
  signRelease,
  withUnlockedKey,
} from '../electron/core/publish/index';
import { verifyRepository } from '../electron/core/verify/index';
import { largePool } from './support/largePool';
import { checkWithDpkgDeb, syntheticPool, type SyntheticPool } from './support/syntheticPool';
import { verifyRepoByHand, type ByHandRun } from './support/verifyRepoByHand';
import { BENCH_LAYOUT } from './support/benchLayout';

const RUNS = 3;
const LAYOUT = BENCH_LAYOUT;

/** One apt-prod to measure: its pool, and how its speed reads best. */
interface Scenario {
  packages: number;
  /** What the header line says of the packages, after their count. */
  describe: string;
  pool: () => Promise<SyntheticPool>;
  /** Packages per second when per-file cost is measured, megabytes per second when throughput is. */
  rate: 'packages' | 'bytes';
}

const SCENARIOS: Scenario[] = [
  { packages: 5000, describe: '', pool: () => syntheticPool(5000), rate: 'packages' },
  {
    packages: 200,
    describe: ' of about 4 MB each (incompressible)',
    pool: () => largePool(200, 4_000_000),
    rate: 'bytes',
  },
];

/** What one Countersign run reports to the parent. */
interface CountersignRun {
  seconds: number;
  maxRssKiB: number;
  status: 'verified' | 'failed';
  /** Package entries checked, over every suite. */
  packages: number;
  /** The packages whose chain does not hold, and the first link that breaks. */
  failed: { filename: string; brokenLink: string | null }[];
}

/** The release key's public half, as each side reads it. */
interface BenchKeys {
  /** Armored, for Countersign (openpgp.readKey). */
  armored: string;
  /** A binary keyring of the key alone, for gpgv --keyring. */
  keyring: string;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function run(command: string, args: string[]): Buffer {
  const result = spawnSync(command, args, { maxBuffer: 1 << 30 });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status}: ${String(result.stderr)}`,
    );
  }
  return result.stdout;
}

/** Countersign's side: verifyRepository over the whole folder, as verify-repo calls it. */
async function countersignOnce(root: string, keyFile: string): Promise<CountersignRun> {
  const start = performance.now();
  const key = await openpgp.readKey({ armoredKey: await readFile(keyFile, 'utf8') });
  const result = await verifyRepository({ root, keys: [key] });
  const seconds = (performance.now() - start) / 1000;
  const packages = result.suites.flatMap((suite) => suite.packages);
  return {
    seconds,
    maxRssKiB: process.resourceUsage().maxRSS,
    status: result.status,
    packages: packages.length,
    failed: packages
      .filter((pkg) => pkg.status !== 'verified')
      .map(({ filename, brokenLink }) => ({ filename, brokenLink })),
  };
}

function countersignInChild(root: string, keys: BenchKeys): CountersignRun {
  const stdout = run('npx', ['tsx', 'bench/verify.bench.ts', '--countersign', root, keys.armored]);
  return JSON.parse(stdout.toString('utf8').trim().split('\n').pop() ?? '{}') as CountersignRun;
}

/**
 * Publishes the pool into a fresh apt-prod under `parent`, signed for real
 * with a new Ed25519 key (GnuPG's EdDSA, v4, what apt's gpgv verifies), and
 * writes its public half for both sides.
 */
async function publishSigned(
  pool: SyntheticPool,
  parent: string,
): Promise<{ root: string; keys: BenchKeys }> {
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Bench Release', email: 'release@example.org' }],
    passphrase: 'bench',
    format: 'armored',
  });
  const keys = { armored: join(parent, 'release-key.asc'), keyring: join(parent, 'release.gpg') };
  const publicKeyObject = await openpgp.readKey({ armoredKey: publicKey });
  await writeFile(keys.armored, publicKey);
  await writeFile(keys.keyring, publicKeyObject.write());

  const root = join(parent, 'apt-prod');
  await mkdir(root);
  // A copy, not hard links to the cache: the correctness check flips a byte in it.
  run('cp', ['-a', join(pool.root, 'pool'), root]);
  const add = (await scanDebs(pool.files)).map((deb) => ({ ...deb, component: 'main' }));
  await withUnlockedKey(await readReleaseKey(privateKey, {}), 'bench', (unlocked) =>
    publish(root, LAYOUT, add, {
      sign: (text) => signRelease(unlocked, text, new Date()),
      date: new Date(),
      releaseKeys: [publicKeyObject],
    }),
  );
  return { root, keys };
}

/** One by-hand run, in a scratch folder of its own. */
async function byHand(root: string, keys: BenchKeys, parent: string): Promise<ByHandRun> {
  const work = await mkdtemp(join(parent, 'by-hand-'));
  try {
    return verifyRepoByHand(root, LAYOUT.suite, keys.keyring, work);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Throws unless both sides say apt-prod verifies, with all `expected` packages checked. */
function checkBothVerify(theirs: ByHandRun, ours: CountersignRun, expected: number): void {
  if (theirs.status !== 0 || theirs.packages !== expected) {
    throw new Error(
      `The by-hand check does not verify apt-prod (exit ${theirs.status}, ${theirs.packages} packages): no ratio.\n${theirs.output}`,
    );
  }
  if (ours.status !== 'verified' || ours.packages !== expected) {
    throw new Error(
      `Countersign does not verify apt-prod (${ours.status}, ${ours.packages} packages, failing ${JSON.stringify(ours.failed.slice(0, 3))}): no ratio.`,
    );
  }
}

/** Flips one byte of one pool file, runs both sides, puts the byte back; both must fail. */
async function checkBothCatchFlip(
  root: string,
  keys: BenchKeys,
  parent: string,
  filename: string,
): Promise<ByHandRun> {
  const file = join(root, filename);
  const bytes = await readFile(file);
  const at = Math.floor(bytes.length / 2);
  bytes[at] = (bytes[at] ?? 0) ^ 0xff;
  await writeFile(file, bytes);
  try {
    const theirs = await byHand(root, keys, parent);
    const ours = countersignInChild(root, keys);
    const caught =
      ours.status === 'failed' &&
      ours.failed.length === 1 &&
      ours.failed[0]?.filename === filename &&
      ours.failed[0]?.brokenLink === 'index';
    // sha256sum -c names each file that does not match: it must be this one.
    if (theirs.status === 0 || !theirs.output.includes(`${filename}: FAILED`) || !caught) {
      throw new Error(
        `A flipped byte in ${filename} was not caught by both (by hand exit ${theirs.status}; Countersign ${ours.status}, failing ${JSON.stringify(ours.failed.slice(0, 3))}): no ratio.`,
      );
    }
    return theirs;
  } finally {
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
  }
}

/** Publishes the scenario's apt-prod, checks both sides on it, times them, prints its block. */
async function runScenario(scenario: Scenario): Promise<void> {
  const { packages: count, describe, rate: unit } = scenario;
  const pool = await scenario.pool();
  checkWithDpkgDeb(pool); // a pool dpkg cannot read would measure nothing
  const parent = await mkdtemp(join(tmpdir(), 'cs-bench-verify-'));
  try {
    const { root, keys } = await publishSigned(pool, parent);
    // Untimed first runs warm the page cache for both, and must agree it verifies.
    checkBothVerify(await byHand(root, keys, parent), countersignInChild(root, keys), count);
    const theirs: ByHandRun[] = [];
    const ours: CountersignRun[] = [];
    for (let index = 0; index < RUNS; index += 1) {
      const byHandRun = await byHand(root, keys, parent);
      const countersignRun = countersignInChild(root, keys);
      checkBothVerify(byHandRun, countersignRun, count);
      theirs.push(byHandRun);
      ours.push(countersignRun);
    }
    const flipped = pool.packages[Math.floor(count / 2)]?.filename ?? '';
    const caught = await checkBothCatchFlip(root, keys, parent, flipped);

    const b = median(theirs.map((one) => one.seconds));
    const a = median(ours.map((one) => one.seconds));
    const rss = Math.max(...ours.map((one) => one.maxRssKiB)) / 1024;
    const bytes = (await Promise.all(pool.files.map((file) => stat(file)))).reduce(
      (sum, info) => sum + info.size,
      0,
    );
    const rate = (seconds: number) =>
      unit === 'packages'
        ? `${Math.round(count / seconds).toLocaleString('en')} packages/s`
        : `${Math.round(bytes / 1e6 / seconds).toLocaleString('en')} MB/s`;
    console.log(
      `verify-repo over apt-prod: ${count.toLocaleString('en')} packages${describe}, ${(bytes / 1e6).toFixed(1)} MB of .deb files (${bytes.toLocaleString('en')} bytes), Ed25519-signed, ${availableParallelism()} cores, median of ${RUNS}, warm page cache:`,
    );
    console.log(
      `  by hand: gpgv ×2 + sha256sum -c (Release's files, then packages in 2 halves)  ${b.toFixed(2)} s  ${rate(b)}`,
    );
    console.log(
      `  countersign verifyRepository                                                 ${a.toFixed(2)} s  ${rate(a)}`,
    );
    console.log(
      `both verify all ${count.toLocaleString('en')} packages; with one byte of ${flipped} flipped, both caught it (by hand exit ${caught.status}; Countersign failed, that package's broken link 'index')`,
    );
    console.log(`ratio: Countersign is ${(b / a).toFixed(2)}× the by-hand check's speed`);
    console.log(`Countersign's peak RSS: ${rss.toFixed(0)} MB`);
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  for (const [index, scenario] of SCENARIOS.entries()) {
    if (index > 0) console.log('');
    await runScenario(scenario);
  }
}

if (process.argv[2] === '--countersign') {
  const [root = '', keyFile = ''] = process.argv.slice(3);
  process.stdout.write(`${JSON.stringify(await countersignOnce(root, keyFile))}\n`);
} else {
  await main();
}
