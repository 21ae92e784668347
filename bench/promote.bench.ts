// Step 5 benchmark: the indexes of an apt-prod of 5,000 packages, made by
// Countersign (read every package: control data, size, MD5, SHA-256; then
// Packages, Packages.gz, Packages.xz and Release, with the code publish uses)
// and by what a publisher would otherwise run over the same pool —
// `apt-ftparchive packages`, gzip and xz, `apt-ftparchive release` — side by
// side in one run, from a warm page cache. Signing is timed apart. The whole
// publication (pool files checked byte for byte, by-hash copies, the atomic
// switch, cleanup) is timed too and shown on its own line.
// Countersign runs in a fresh process (this file, with --countersign), so its
// peak memory is its own.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as openpgp from 'openpgp';
import {
  compressIndexes,
  packagesIndexTexts,
  parseDeb822,
  publish,
  readReleaseKey,
  releaseArchitectures,
  releaseText,
  scanDebs,
  signRelease,
  withUnlockedKey,
  type ReleaseSigner,
  type UnlockedReleaseKey,
} from '../electron/core/publish/index';
import { checkWithDpkgDeb, syntheticPool } from './support/syntheticPool';
import { BENCH_LAYOUT } from './support/benchLayout';

const PACKAGES = 5000;
const RUNS = 3;
const LAYOUT = BENCH_LAYOUT;
const COMPONENT = 'main';
/** The index both sides write and the stanzas are compared in: amd64 packages and `all` ones. */
const INDEX = `${COMPONENT}/binary-amd64/Packages`;

/** What one Countersign run reports to the parent. */
interface CountersignRun {
  /** Reading the pool and writing the indexes and Release: what apt-ftparchive does. */
  seconds: number;
  scanSeconds: number;
  /** The whole publication into an apt-prod whose pool already holds the files. */
  publishSeconds: number;
  /** Seconds in each part of publish, from the phases it reports. */
  publishSteps: Record<PublishStep, number>;
  maxRssKiB: number;
}

/** publish's phases as it reports them, after the in-memory plan it makes first. */
const PUBLISH_PHASES = ['pool', 'indexes', 'sign', 'switch', 'cleanup'] as const;
type PublishStep = 'plan' | (typeof PUBLISH_PHASES)[number];

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function run(command: string, args: string[]): Buffer {
  const result = spawnSync(command, args, {
    env: { ...process.env, LC_ALL: 'C' },
    maxBuffer: 1 << 30,
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status}: ${String(result.stderr)}`,
    );
  }
  return result.stdout;
}

function timed(script: string): number {
  const start = performance.now();
  run('sh', ['-c', `set -e\n${script}`]);
  return (performance.now() - start) / 1000;
}

/** Every .deb below `root`/pool, sorted. */
async function poolFiles(root: string): Promise<string[]> {
  const entries = await readdir(join(root, 'pool'), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.deb'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A key to sign with, unlocked: GnuPG's Ed25519 (EdDSA, v4), what apt's gpgv verifies. */
async function withBenchKey<T>(fn: (unlocked: UnlockedReleaseKey) => Promise<T>): Promise<T> {
  const { privateKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Bench Release', email: 'release@example.org' }],
    passphrase: 'bench',
    format: 'armored',
  });
  return withUnlockedKey(await readReleaseKey(privateKey, {}), 'bench', fn);
}

/**
 * A signer that signs nothing: InRelease is the given text under the
 * signature block of another text, made once beforehand, and Release.gpg
 * that signature. Well-formed enough for publish's checks of what a signer
 * returns (the signatures are not verified without release keys).
 */
async function placeholderSigner(): Promise<ReleaseSigner> {
  const sample = await withBenchKey((unlocked) =>
    signRelease(unlocked, 'Placeholder: yes\n', new Date()),
  );
  const block = sample.inRelease.slice(sample.inRelease.indexOf('-----BEGIN PGP SIGNATURE-----'));
  const head = sample.inRelease.slice(0, sample.inRelease.indexOf('\n\n') + 2);
  return (text) => {
    const body = text.replace(/\n$/, '').replace(/^-/gm, '- -');
    return Promise.resolve({
      inRelease: `${head}${body}\n${block}`,
      releaseGpg: sample.releaseGpg,
    });
  };
}

/**
 * Countersign's side, timed in this process: read every package of the pool
 * (scanDebs), then write the suite's indexes and Release with the functions
 * publish uses (binary-all and binary-amd64, plain, gzip and xz). Then,
 * timed apart, the whole publication to apt-prod, whose pool already holds
 * the same files (publish checks they are the same bytes, writes the
 * indexes, their by-hash copies and Release, and switches dists to them).
 */
async function countersignOnce(source: string, aptProd: string): Promise<CountersignRun> {
  const sign = await placeholderSigner();
  const start = performance.now();
  const scanned = await scanDebs(await poolFiles(source));
  const scanSeconds = (performance.now() - start) / 1000;
  const suite = join(aptProd, 'indexes-only', LAYOUT.suite);
  const texts = packagesIndexTexts(
    [COMPONENT],
    ['amd64'],
    scanned.map((deb) => ({
      component: COMPONENT,
      package: deb.package,
      version: deb.version,
      architecture: deb.architecture,
      entry: { ...deb, filename: relative(source, deb.file) },
    })),
  );
  const files = await compressIndexes(texts);
  for (const file of files) {
    await mkdir(join(suite, file.path, '..'), { recursive: true });
    await writeFile(join(suite, file.path), file.bytes);
  }
  const release = releaseText({
    ...LAYOUT,
    date: new Date(),
    components: [COMPONENT],
    architectures: releaseArchitectures(['amd64']),
    files: files.map(({ path, size, md5, sha256 }) => ({ path, size, md5, sha256 })),
  });
  await writeFile(join(suite, 'Release'), release);
  const indexed = performance.now();

  const add = scanned.map((deb) => ({ ...deb, component: COMPONENT }));
  const marks: [PublishStep, number][] = [['plan', performance.now()]];
  const report = {
    phase: (name: string) => {
      const step = PUBLISH_PHASES.find((phase) => phase === name);
      if (step && !marks.some(([seen]) => seen === step)) marks.push([step, performance.now()]);
    },
    log: () => {},
  };
  await publish(aptProd, LAYOUT, add, { sign, date: new Date(), report });
  const end = performance.now();
  const publishSteps = Object.fromEntries(
    marks.map(([step, at], index) => [step, ((marks[index + 1]?.[1] ?? end) - at) / 1000]),
  ) as Record<PublishStep, number>;
  return {
    seconds: (indexed - start) / 1000,
    scanSeconds,
    publishSeconds: (end - indexed) / 1000 + scanSeconds,
    publishSteps,
    maxRssKiB: process.resourceUsage().maxRSS,
  };
}

/** apt-prod as Countersign finds it: an empty folder whose pool holds the files. */
async function freshAptProd(source: string, aptProd: string): Promise<void> {
  await mkdir(aptProd, { recursive: true });
  // Hard links where the temp folder shares the cache's file system, else copies.
  run('sh', [
    '-c',
    `cp -al '${source}/pool' '${aptProd}/' 2>/dev/null || cp -a '${source}/pool' '${aptProd}/'`,
  ]);
}

function countersignInChild(source: string, aptProd: string): CountersignRun {
  const stdout = run('npx', ['tsx', 'bench/promote.bench.ts', '--countersign', source, aptProd]);
  return JSON.parse(stdout.toString('utf8').trim().split('\n').pop() ?? '{}') as CountersignRun;
}

/** The same suite as a publisher writes it by hand, each step timed; the sum is its time. */
function aptFtparchiveOnce(
  source: string,
  out: string,
): { packages: number; compress: number; release: number } {
  const suite = join(out, 'dists', LAYOUT.suite);
  const packages = join(suite, INDEX);
  const option = (name: string, value: string) => `-o APT::FTPArchive::Release::${name}='${value}'`;
  const options = [
    option('Origin', LAYOUT.origin),
    option('Label', LAYOUT.label),
    option('Suite', LAYOUT.suite),
    option('Codename', LAYOUT.codename),
    option('Architectures', 'amd64'),
    option('Components', COMPONENT),
  ].join(' ');
  run('mkdir', ['-p', join(packages, '..')]);
  return {
    packages: timed(`cd '${source}'\napt-ftparchive packages pool > '${packages}'`),
    // The compressors the publisher uses too: gzip -9, xz -6 on one thread.
    compress: timed(`gzip -9 -n -k '${packages}'\nxz -6 --threads=1 -k '${packages}'`),
    release: timed(
      `cd '${suite}'\napt-ftparchive ${options} release . > ../Release.new\nmv ../Release.new Release`,
    ),
  };
}

/** Package, version, architecture, size and hashes of every stanza, one line each, sorted. */
async function stanzas(packagesFile: string): Promise<string[]> {
  const fields = ['Package', 'Version', 'Architecture', 'Size', 'MD5sum', 'SHA256'];
  return parseDeb822(await readFile(packagesFile, 'utf8'))
    .map((stanza) => fields.map((field) => stanza.get(field) ?? '?').join(' '))
    .sort();
}

/** One real signature of the Release, as a promotion makes it: InRelease and Release.gpg. */
async function timeSigning(release: string): Promise<number> {
  return withBenchKey(async (unlocked) => {
    const times: number[] = [];
    for (let index = 0; index < RUNS; index += 1) {
      const start = performance.now();
      await signRelease(unlocked, release, new Date());
      times.push((performance.now() - start) / 1000);
    }
    return median(times);
  });
}

async function main(): Promise<void> {
  const pool = await syntheticPool(PACKAGES);
  checkWithDpkgDeb(pool); // a pool dpkg cannot read would measure nothing
  // Warm the page cache for both, so the disk is not what is measured.
  run('sh', ['-c', `find '${join(pool.root, 'pool')}' -type f -exec cat {} + > /dev/null`]);
  const parent = await mkdtemp(join(tmpdir(), 'cs-bench-promote-'));
  try {
    const theirs: ReturnType<typeof aptFtparchiveOnce>[] = [];
    const ours: CountersignRun[] = [];
    for (let index = 0; index < RUNS; index += 1) {
      theirs.push(aptFtparchiveOnce(pool.root, join(parent, `apt-ftparchive-${index}`)));
      const aptProd = join(parent, `apt-prod-${index}`);
      await freshAptProd(pool.root, aptProd);
      ours.push(countersignInChild(pool.root, aptProd));
    }
    const last = RUNS - 1;
    const theirIndex = join(parent, `apt-ftparchive-${last}`, 'dists', LAYOUT.suite, INDEX);
    const ourSuite = join(parent, `apt-prod-${last}`, 'indexes-only', LAYOUT.suite);
    const publishedIndex = join(parent, `apt-prod-${last}`, 'dists', LAYOUT.suite, INDEX);
    const expected = await stanzas(theirIndex);
    const actual = await stanzas(join(ourSuite, INDEX));
    const published = await stanzas(publishedIndex);
    if (
      expected.length !== PACKAGES ||
      expected.join('\n') !== actual.join('\n') ||
      published.join('\n') !== actual.join('\n')
    ) {
      const missing = expected.filter((line) => !actual.includes(line)).slice(0, 3);
      throw new Error(
        `The two indexes do not list the same packages (${expected.length} against ${actual.length}, e.g. ${JSON.stringify(missing)}): no ratio.`,
      );
    }
    const signing = await timeSigning(await readFile(join(ourSuite, 'Release'), 'utf8'));

    const step = (name: keyof ReturnType<typeof aptFtparchiveOnce>) =>
      median(theirs.map((one) => one[name]));
    const b = median(theirs.map((one) => one.packages + one.compress + one.release));
    const a = median(ours.map((one) => one.seconds));
    const scan = median(ours.map((one) => one.scanSeconds));
    const rss = Math.max(...ours.map((one) => one.maxRssKiB)) / 1024;
    const rate = (seconds: number) =>
      `${Math.round(PACKAGES / seconds).toLocaleString('en')} packages/s`;
    const mb = async (file: string) => ((await stat(file)).size / 1e6).toFixed(1);
    const all = pool.packages.filter((pkg) => pkg.architecture === 'all').length;
    console.log(
      `apt-prod indexes for ${PACKAGES.toLocaleString('en')} packages (${all.toLocaleString('en')} arch all), ${availableParallelism()} cores, median of ${RUNS}, signing excluded:`,
    );
    console.log(
      `  apt-ftparchive packages + gzip -9 + xz -6 + release  ${b.toFixed(2)} s  ${rate(b)}  (packages ${step('packages').toFixed(2)} s, gzip+xz ${step('compress').toFixed(2)} s, release ${step('release').toFixed(2)} s)`,
    );
    console.log(
      `  countersign scanDebs + indexes + Release            ${a.toFixed(2)} s  ${rate(a)}  (scanDebs ${scan.toFixed(2)} s, indexes and Release ${(a - scan).toFixed(2)} s; peak RSS ${rss.toFixed(0)} MB)`,
    );
    const whole = median(ours.map((one) => one.publishSeconds));
    const publishStep = (name: PublishStep) =>
      `${name} ${median(ours.map((one) => one.publishSteps[name] ?? 0)).toFixed(2)} s`;
    console.log(
      `  the whole publication, apart (scanDebs + publish): ${whole.toFixed(2)} s — ${(['plan', ...PUBLISH_PHASES] as const).map(publishStep).join(', ')} (plan: every pool file checked byte for byte, indexes made and compressed)`,
    );
    console.log(
      `  Packages: apt-ftparchive ${await mb(theirIndex)} MB (it adds SHA1 and SHA512), Countersign ${await mb(join(ourSuite, INDEX))} MB; Countersign also writes binary-all and by-hash copies`,
    );
    console.log(
      `  signing apart: InRelease + Release.gpg with openpgp.js, Ed25519    ${(signing * 1000).toFixed(1)} ms`,
    );
    console.log(
      `both list the same ${PACKAGES.toLocaleString('en')} packages (Package, Version, Architecture, Size, MD5sum, SHA256); Countersign is ${(b / a).toFixed(2)}x apt-ftparchive's speed; target no slower: ${a <= b ? 'met' : 'MISSED'}`,
    );
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--countersign') {
  const [source = '', aptProd = ''] = process.argv.slice(3);
  process.stdout.write(`${JSON.stringify(await countersignOnce(source, aptProd))}\n`);
} else {
  await main();
}
