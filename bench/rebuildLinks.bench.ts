// Rebuild links benchmark: apt-prod's rebuilders' links checked as Debian's
// apt-transport-in-toto checks them, against what apt-transport-in-toto
// itself runs — Debian's `in-toto-verify` (in-toto 1.3.1), once per package,
// in a folder holding the layout, both links as `rebuild.<keyid8>.link` and
// the .deb, which runs the inspection `true` and matches the .deb with the
// links' products — side by side in one run, from a warm page cache.
// The fixture is made here, without Docker: keys by real GnuPG in a
// throwaway home (an Ed25519 release key; rebuilders A, Ed25519, and B, RSA
// 3072, each signing with its primary key, the only one in-toto sees of an
// Ed25519 key); real .debs (syntheticPool); each rebuilder's link per
// package, signed with reviewerSigner as `countersign rebuilder attest`
// does; apt-prod published by Countersign's publish, and its `in-toto/`
// (root.layout signed by the release key, threshold 2 of 2, and
// `rebuilders/<keyid8>/sources/<package>/<version>/metadata`) by
// publishRebuilderTree, as a promotion writes it.
// Countersign's side is verifyRepository, the verify step's front door (the
// check itself, checkRebuildLinks, has none of its own): its time from the
// log line that starts the rebuild-link check to its result is that check's,
// for every package apt-prod serves; the whole of verifyRepository (Release,
// indexes, every package hashed, then the links) is printed too, since
// in-toto-verify hashes the .deb as well. Both must verify every package,
// and both must refuse a package when one rebuilder's link of it is gone.
// 20 packages side by side (in-toto-verify is a Python process per package;
// its folders are made before its clock starts, as Countersign's tree is);
// Countersign alone on 1,000 too.
import { spawnSync } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as openpgp from 'openpgp';
import { REBUILD_STEP, type RebuilderPolicy } from '../shared/rebuilders';
import { debFileName, reviewerSigner, type ReviewerSigner } from '../electron/core/approve/index';
import {
  publish,
  readReleaseKey,
  scanDebs,
  signRelease,
  withUnlockedKey,
} from '../electron/core/publish/index';
import {
  APT_IN_TOTO_FOLDER,
  APT_LAYOUT_FILE,
  linkPathInTree,
  publishedTree,
  publishRebuilderTree,
  reviewTree,
} from '../electron/core/rebuilderLinks/index';
import { verifyRepository } from '../electron/core/verify/index';
import { BENCH_LAYOUT } from './support/benchLayout';
import { checkWithDpkgDeb, syntheticPool } from './support/syntheticPool';

const SIDE_BY_SIDE = 20;
const LARGE = 1000;
const RUNS = 5;
const THRESHOLD = 2;
const PASSPHRASE = 'bench passphrase';

/** A key made by GnuPG: its fingerprint (upper-case) and both halves, armored. */
interface BenchKey {
  name: string;
  fingerprint: string;
  publicKey: string;
  /** Protected by PASSPHRASE, as GnuPG exports it. */
  secretKey: string;
}

/** One package of the fixture: what publish and the links need of it. */
type ScannedDeb = Awaited<ReturnType<typeof scanDebs>>[number];

/** One Countersign run over one apt-prod. */
interface CountersignRun {
  /** verifyRepository from call to result. */
  seconds: number;
  /** From the log line that starts the rebuild-link check to the result. */
  linkSeconds: number;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Runs gpg in `home`, in batch mode with PASSPHRASE through loopback pinentry; its output. */
function gpg(home: string, args: string[]): string {
  const run = spawnSync(
    'gpg',
    ['--batch', '--no-tty', '--pinentry-mode', 'loopback', '--passphrase', PASSPHRASE, ...args],
    { env: { ...process.env, GNUPGHOME: home, LC_ALL: 'C' }, encoding: 'utf8' },
  );
  if (run.status !== 0)
    throw new Error(`gpg ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

/** A signing primary key made by GnuPG (`algo`: ed25519, rsa3072), with PASSPHRASE. */
function makeKey(home: string, name: string, algo: string): BenchKey {
  const userId = `${name} <${name.toLowerCase().replaceAll(' ', '-')}@example.org>`;
  gpg(home, ['--quick-gen-key', userId, algo, 'sign', '0']);
  const listing = gpg(home, ['--with-colons', '--fingerprint', '--list-keys', userId]);
  const fingerprint =
    listing
      .split('\n')
      .find((line) => line.startsWith('fpr:'))
      ?.split(':')[9] ?? '';
  return {
    name,
    fingerprint,
    publicKey: gpg(home, ['--export', '--armor', fingerprint]),
    secretKey: gpg(home, ['--export-secret-keys', '--armor', fingerprint]),
  };
}

/** The signer `countersign rebuilder attest` would use for this key. */
async function signerOf(key: BenchKey, date: Date): Promise<ReviewerSigner> {
  const privateKey = await openpgp.decryptKey({
    privateKey: await openpgp.readPrivateKey({ armoredKey: key.secretKey }),
    passphrase: PASSPHRASE,
  });
  return reviewerSigner(privateKey, date);
}

/**
 * Writes, in the review folder's tree of `signer`, its link for each package,
 * as signRebuildLinks writes it: the step `rebuild`, no materials, no command,
 * its one product the .deb under apt's name with its SHA-256.
 */
async function signLinks(reviewDir: string, signer: ReviewerSigner, debs: ScannedDeb[]) {
  for (const deb of debs) {
    const signed: Parameters<ReviewerSigner['sign']>[0] = {
      _type: 'link',
      name: REBUILD_STEP,
      materials: {},
      products: { [debFileName(deb)]: { sha256: deb.sha256 } },
      byproducts: {},
      command: [],
      environment: {},
    };
    const signatures = [await signer.sign(signed)];
    const file = join(reviewTree(reviewDir, signer.keyid), ...linkPathInTree(deb));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify({ signatures, signed }, null, 1)}\n`);
  }
}

/** Publishes these packages into a fresh apt-prod, then its in-toto/ as a promotion does. */
async function publishAptProd(
  root: string,
  debs: ScannedDeb[],
  release: BenchKey,
  policy: RebuilderPolicy,
  reviewDir: string,
): Promise<void> {
  await mkdir(root);
  const releasePublic = await openpgp.readKey({ armoredKey: release.publicKey });
  const notes: string[] = [];
  const report = { phase: () => {}, log: (line: string) => void notes.push(line) };
  const written = await withUnlockedKey(
    await readReleaseKey(release.secretKey, {}),
    PASSPHRASE,
    async (unlocked) => {
      const date = new Date();
      await publish(
        root,
        BENCH_LAYOUT,
        debs.map((deb) => ({ ...deb, component: 'main' })),
        {
          sign: (text) => signRelease(unlocked, text, date),
          date,
          releaseKeys: [releasePublic],
        },
      );
      return publishRebuilderTree({
        root,
        reviewDir,
        projectName: 'bench',
        tag: 'v1.0.0',
        policy,
        promoted: debs,
        unlocked,
        date,
        report,
      });
    },
  );
  // The layout, its key, and every rebuilder's link of every package.
  const expected = 2 + policy.rebuilders.length * debs.length;
  if (written.length !== expected) {
    throw new Error(
      `publishRebuilderTree wrote ${written.length} files, not ${expected}: ${notes.slice(0, 3).join('; ')}`,
    );
  }
}

/**
 * Countersign's side: verifyRepository over apt-prod. Throws unless apt-prod
 * verifies and its rebuild-link check counts both rebuilders for each of its
 * `count` packages (one alone for `refused`, which must then fail).
 */
async function countersignOnce(
  root: string,
  keys: openpgp.PublicKey[],
  count: number,
  refused: string | null = null,
): Promise<CountersignRun> {
  const lines: { line: string; at: number }[] = [];
  const report = {
    phase: () => {},
    log: (line: string) => void lines.push({ line, at: performance.now() }),
  };
  const start = performance.now();
  const result = await verifyRepository({ root, keys, report });
  const end = performance.now();
  const last = lines.at(-1);
  if (!last || !/rebuilders.*links/.test(last.line)) {
    throw new Error(
      `verifyRepository's last log line does not start the rebuild-link check (${JSON.stringify(last?.line)}): its time cannot be read.`,
    );
  }
  const rebuilds = result.rebuilds;
  // Both rebuilders vouch for every package; one only for `refused`, which apt must refuse.
  const wrong = (rebuilds?.packages ?? []).filter((pkg) =>
    pkg.package === refused
      ? pkg.status !== 'failed' || pkg.vouchedBy.length !== THRESHOLD - 1
      : pkg.status !== 'verified' || pkg.vouchedBy.length !== THRESHOLD,
  );
  if (
    !rebuilds ||
    rebuilds.threshold !== THRESHOLD ||
    rebuilds.layoutProblems.length > 0 ||
    rebuilds.packages.length !== count ||
    wrong.length > 0 ||
    (refused === null && result.status !== 'verified')
  ) {
    throw new Error(
      `Countersign does not judge apt-prod's rebuild links as expected (${result.status}, links ${rebuilds?.status}, ${rebuilds?.packages.length} packages, wrong ${JSON.stringify(wrong.slice(0, 3))}): no ratio.`,
    );
  }
  return { seconds: (end - start) / 1000, linkSeconds: (end - last.at) / 1000 };
}

/** RUNS timed runs after an untimed one; the medians. */
async function countersignMedian(
  root: string,
  keys: openpgp.PublicKey[],
  count: number,
): Promise<CountersignRun> {
  await countersignOnce(root, keys, count);
  const runs: CountersignRun[] = [];
  for (let index = 0; index < RUNS; index += 1) runs.push(await countersignOnce(root, keys, count));
  return {
    seconds: median(runs.map((one) => one.seconds)),
    linkSeconds: median(runs.map((one) => one.linkSeconds)),
  };
}

/**
 * The folder apt-transport-in-toto makes for one package: the layout, each
 * rebuilder's link as `rebuild.<keyid8>.link` (its primary key signs), and
 * the .deb under the name apt downloaded it to.
 */
async function inTotoFolder(
  parent: string,
  root: string,
  deb: ScannedDeb,
  rebuilders: BenchKey[],
): Promise<string> {
  const folder = join(parent, debFileName(deb));
  await mkdir(folder, { recursive: true });
  await copyFile(join(root, APT_IN_TOTO_FOLDER, APT_LAYOUT_FILE), join(folder, 'root.layout'));
  for (const rebuilder of rebuilders) {
    await copyFile(
      join(publishedTree(root, rebuilder.fingerprint), ...linkPathInTree(deb)),
      join(folder, `${REBUILD_STEP}.${rebuilder.fingerprint.slice(0, 8).toLowerCase()}.link`),
    );
  }
  await copyFile(deb.file, join(folder, debFileName(deb)));
  return folder;
}

/** in-toto-verify as apt-transport-in-toto runs it, in the package's folder; its exit status and output. */
function inTotoVerify(folder: string, release: BenchKey, gnupgHome: string) {
  const run = spawnSync(
    'in-toto-verify',
    ['--layout', 'root.layout', '--gpg', release.fingerprint, '--gpg-home', gnupgHome],
    { cwd: folder, encoding: 'utf8' },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const parent = await mkdtemp(join(tmpdir(), 'cs-bench-links-'));
// Short path: gpg-agent's socket path must fit in 107 bytes.
const gnupgHome = await mkdtemp(join(tmpdir(), 'cs-gpg-'));
try {
  await chmod(gnupgHome, 0o700);
  await writeFile(join(gnupgHome, 'gpg-agent.conf'), 'allow-loopback-pinentry\n');
  const release = makeKey(gnupgHome, 'Bench Release', 'ed25519');
  const rebuilders = [
    makeKey(gnupgHome, 'Rebuilder A', 'ed25519'),
    makeKey(gnupgHome, 'Rebuilder B', 'rsa3072'),
  ];
  const policy: RebuilderPolicy = {
    rebuilders: rebuilders.map(({ name, fingerprint, publicKey }) => ({
      name,
      fingerprint,
      publicKey,
      revoked: false,
    })),
    threshold: THRESHOLD,
    layoutDays: 365,
  };

  const pool = await syntheticPool(LARGE);
  checkWithDpkgDeb(pool); // a pool dpkg cannot read would measure nothing
  const debs = await scanDebs(pool.files);
  const reviewDir = join(parent, 'review');
  // GnuPG dates a key to the second: sign after it, or the key would postdate its signatures.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const date = new Date();
  for (const rebuilder of rebuilders) {
    await signLinks(reviewDir, await signerOf(rebuilder, date), debs);
  }
  const small = join(parent, `apt-prod-${SIDE_BY_SIDE}`);
  const large = join(parent, `apt-prod-${LARGE}`);
  const smallDebs = debs.slice(0, SIDE_BY_SIDE);
  await publishAptProd(small, smallDebs, release, policy, reviewDir);
  await publishAptProd(large, debs, release, policy, reviewDir);
  const keys = [await openpgp.readKey({ armoredKey: release.publicKey })];

  // in-toto-verify: one folder per package, made before the clock starts; an untimed first run.
  const folders: string[] = [];
  for (const deb of smallDebs) {
    folders.push(await inTotoFolder(join(parent, 'in-toto'), small, deb, rebuilders));
  }
  const check = (run: ReturnType<typeof inTotoVerify>, folder: string) => {
    if (run.status !== 0) {
      throw new Error(
        `in-toto-verify refuses ${folder} (exit ${run.status}): no ratio.\n${run.output}`,
      );
    }
  };
  check(inTotoVerify(folders[0] ?? '', release, gnupgHome), folders[0] ?? '');
  const inTotoStart = performance.now();
  for (const folder of folders) check(inTotoVerify(folder, release, gnupgHome), folder);
  const inToto = (performance.now() - inTotoStart) / 1000;

  const ours = await countersignMedian(small, keys, SIDE_BY_SIDE);
  const oursLarge = await countersignMedian(large, keys, LARGE);

  // Both must refuse a package when one of the two links it needs is gone.
  const dropped = smallDebs[Math.floor(SIDE_BY_SIDE / 2)];
  const droppedBy = rebuilders[1];
  if (!dropped || !droppedBy) throw new Error('no package to take a link from');
  const droppedFolder = join(parent, 'in-toto', debFileName(dropped));
  await rm(
    join(droppedFolder, `${REBUILD_STEP}.${droppedBy.fingerprint.slice(0, 8).toLowerCase()}.link`),
  );
  await rm(join(publishedTree(small, droppedBy.fingerprint), ...linkPathInTree(dropped)));
  const refusedByInToto = inTotoVerify(droppedFolder, release, gnupgHome);
  const tooFew = `Step '${REBUILD_STEP}' requires '${THRESHOLD}' link metadata file(s), found '${THRESHOLD - 1}'`;
  if (refusedByInToto.status !== 1 || !refusedByInToto.output.includes(tooFew)) {
    throw new Error(
      `in-toto-verify does not refuse ${debFileName(dropped)} for its one link of two (exit ${refusedByInToto.status}): no ratio.\n${refusedByInToto.output}`,
    );
  }
  await countersignOnce(small, keys, SIDE_BY_SIDE, dropped.package);

  const inTotoPerPackage = inToto / SIDE_BY_SIDE;
  const ms = (seconds: number, count: number) =>
    `${((seconds * 1000) / count).toFixed(2)} ms/package`;
  const ratio = (seconds: number, count: number) =>
    (inTotoPerPackage / (seconds / count)).toFixed(0);
  console.log(
    `rebuild links of apt-prod as apt-transport-in-toto checks them: ${SIDE_BY_SIDE} packages, ${THRESHOLD} of ${rebuilders.length} rebuilders (Ed25519, RSA 3072), layout signed by an Ed25519 release key, GnuPG keys, ${availableParallelism()} cores, warm page cache:`,
  );
  console.log(
    `  in-toto-verify, one per package (layout, 2 links, .deb; inspection true), mean of ${SIDE_BY_SIDE}  ${ms(inToto, SIDE_BY_SIDE)}`,
  );
  console.log(
    `  countersign verifyRepository: its rebuild-link check, median of ${RUNS}                  ${ms(ours.linkSeconds, SIDE_BY_SIDE)}  ${ratio(ours.linkSeconds, SIDE_BY_SIDE)}× its speed`,
  );
  console.log(
    `  countersign verifyRepository: whole (Release, indexes, hashes, links), median of ${RUNS}  ${ms(ours.seconds, SIDE_BY_SIDE)}  ${ratio(ours.seconds, SIDE_BY_SIDE)}× its speed`,
  );
  console.log(
    `both verify all ${SIDE_BY_SIDE} packages; with ${droppedBy.name}'s link of ${debFileName(dropped)} removed, both refuse that package alone (in-toto-verify exit ${refusedByInToto.status}, ${THRESHOLD - 1} link of ${THRESHOLD}; Countersign, ${THRESHOLD - 1} of the ${THRESHOLD} rebuilders)`,
  );
  console.log(
    `ratio: Countersign's rebuild-link check is ${ratio(ours.linkSeconds, SIDE_BY_SIDE)}× in-toto-verify's speed per package (its whole verify-repo ${ratio(ours.seconds, SIDE_BY_SIDE)}×)`,
  );
  console.log('');
  console.log(`countersign alone over ${LARGE.toLocaleString('en')} packages, median of ${RUNS}:`);
  console.log(
    `  its rebuild-link check      ${ms(oursLarge.linkSeconds, LARGE)} (${oursLarge.linkSeconds.toFixed(2)} s)  ${ratio(oursLarge.linkSeconds, LARGE)}× in-toto-verify's speed above`,
  );
  console.log(
    `  whole verifyRepository      ${ms(oursLarge.seconds, LARGE)} (${oursLarge.seconds.toFixed(2)} s)  ${ratio(oursLarge.seconds, LARGE)}× in-toto-verify's speed above`,
  );
} finally {
  spawnSync('gpgconf', ['--kill', 'all'], { env: { ...process.env, GNUPGHOME: gnupgHome } });
  await rm(parent, { recursive: true, force: true });
  await rm(gnupgHome, { recursive: true, force: true });
}
