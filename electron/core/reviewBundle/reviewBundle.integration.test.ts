import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAppError } from '../../../shared/errors';
import type { ProjectConfig } from '../../../shared/project';
import type { BundleManifest, SignedDecisionsFile } from '../../../shared/reviewBundle';
import type { PinnedReviewer } from '../../../shared/reviewers';
import { comparedDemo, QUIET, type ComparedDemo } from '../../testing/comparedDemo';
import { readArchive } from '../lib/archive/readArchive';
import { tarArchive, type TarFixtureEntry } from '../lib/archive/testing/tarTestFixtures';
import { GnupgHome } from '../lib/gpg/gnupgHome';
import {
  asReviewer,
  makeReviewer,
  type TestReviewer,
} from '../lib/reviewers/testing/testReviewers';
import { canonicalJsonBytes } from '../lib/intoto/canonicalJson';
import { signBinarySha256 } from '../lib/openpgp/signSha256';
import { createCountersignCore } from '../countersignCore';
import { loadProject } from '../lib/project/projectStore';
import { readReviewerKey, withUnlockedReviewerKey } from '../lib/reviewers/index';
import { importReviewerKey, reviewFolderVerdicts } from '../review/index';
import { exportReviewBundle, importDecisions, openReviewBundle, writeDecisionsFile } from './index';

// A review from another machine, with reviewer keys made by GnuPG, on the
// demo release under a policy of 2 of 2: Alice decides where the release is;
// the release manager exports a bundle; Bob opens it in his own Countersign
// home, decides with his key and sends one signed decisions file back; its
// import lets the gate count him. Every hostile bundle and decisions file is
// refused with its own code, and nothing is appended.

const TAG = 'v1.0.0';
const DOC = 'countersign-hello-doc';
const CLI_OUT = join(import.meta.dirname, '..', '..', '..', 'node_modules', '.cache', 'cs-bundle');
let compared: ComparedDemo;
let gpg: GnupgHome;
let work: string;
let original: string;
let bundle: string;
let bobDir: string;
let bobFile: SignedDecisionsFile;
let cli: string;

type Reviewer = TestReviewer;
const reviewers: Record<'alice' | 'bob' | 'carol', Reviewer> = {} as never;

/** The CLI, built from this checkout into a private folder, run in a reviewer's home. */
function countersignAs(home: string, args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, COUNTERSIGN_HOME: home },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const pin = (reviewer: Reviewer, extra: Partial<PinnedReviewer> = {}): PinnedReviewer => ({
  name: reviewer.name,
  fingerprint: reviewer.fingerprint,
  publicKey: reviewer.publicKey,
  revoked: false,
  ...extra,
});

async function setPolicy(pinned: PinnedReviewer[]): Promise<void> {
  const config = JSON.parse(original) as ProjectConfig;
  config.reviewPolicy = { reviewers: pinned, threshold: 2, identicalThreshold: 0 };
  await writeFile(compared.demo.projectFile, `${JSON.stringify(config, null, 2)}\n`);
}

const auditLog = () => readFile(join(compared.reviewDir, 'audit.jsonl'));

const docApprovals = async () => {
  const plan = await compared.core.api['promote:plan']({ tag: TAG });
  return plan.approvals?.find((approval) => approval.artifact.startsWith(DOC));
};

/** The error `work` fails with (null when it does not). */
const failure = (work: Promise<unknown>) =>
  work.then(
    () => null,
    (error: unknown) => toAppError(error),
  );

/** The entries of a tar, in order, as fixtures to rebuild hostile variants from. */
async function tarEntries(file: string): Promise<TarFixtureEntry[]> {
  const entries: TarFixtureEntry[] = [];
  await readArchive(file, async (entry) => {
    const chunks: Buffer[] = [];
    for await (const chunk of entry.stream) chunks.push(chunk as Buffer);
    entries.push({ name: entry.path, data: Buffer.concat(chunks) });
  });
  return entries;
}

let hostileCount = 0;
async function hostileBundle(entries: TarFixtureEntry[]): Promise<string> {
  const file = join(work, `hostile-${(hostileCount += 1)}.tar`);
  await writeFile(file, tarArchive(entries));
  return file;
}

const manifestOf = (entries: TarFixtureEntry[]) =>
  JSON.parse(String(entries[0]!.data)) as BundleManifest;

function withManifest(entries: TarFixtureEntry[], manifest: BundleManifest): TarFixtureEntry[] {
  return [{ name: 'manifest.json', data: JSON.stringify(manifest) }, ...entries.slice(1)];
}

/** Bob's decisions file with `edit` applied to what he signs, signed again by Bob. */
async function resignedByBob(edit: (body: SignedDecisionsFile['signed']) => void) {
  const body = structuredClone(bobFile.signed);
  edit(body);
  const key = await readReviewerKey(reviewers.bob.secretKey);
  const signature = await withUnlockedReviewerKey(key, reviewers.bob.passphrase, (unlocked) =>
    signBinarySha256(unlocked, canonicalJsonBytes(body), new Date()),
  );
  return JSON.stringify({ signed: body, signature: Buffer.from(signature).toString('base64') });
}

beforeAll(async () => {
  cli = join(CLI_OUT, 'main.js');
  await build({
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
    entryPoints: [join(import.meta.dirname, '..', '..', 'cli', 'main.ts')],
    outfile: cli,
  });
  compared = await comparedDemo(TAG, 'bundle');
  gpg = await GnupgHome.create();
  work = await mkdtemp(join(tmpdir(), 'cs-bundle-'));
  reviewers.alice = await makeReviewer(gpg, 'Alice', 'ed25519', 'cs-bundle');
  reviewers.bob = await makeReviewer(gpg, 'Bob', 'rsa3072', 'cs-bundle');
  reviewers.carol = await makeReviewer(gpg, 'Carol', 'ed25519', 'cs-bundle');
  original = await readFile(compared.demo.projectFile, 'utf8');
  await setPolicy([pin(reviewers.alice), pin(reviewers.bob)]);
  for (const reviewer of Object.values(reviewers)) {
    await asReviewer(reviewer, () => importReviewerKey(reviewer.secretKey, null));
  }
  // Every differing artifact gets its report, as a release manager's review would have it.
  const summary = await compared.core.api['review:summary']({ tag: TAG });
  for (const artifact of summary.artifacts) {
    await compared.core.api['review:runReport']({ tag: TAG, key: artifact.key });
  }
  // Alice decides where the release is.
  await asReviewer(reviewers.alice, async () =>
    reviewFolderVerdicts(compared.reviewDir, {
      artifact: `${DOC}_1.0.0_all.deb`,
      decide: {
        rule: { by: 'path', pattern: '**' },
        decision: 'accepted',
        comment: 'build date only',
      },
      report: QUIET,
      passphrase: reviewers.alice.passphrase,
      project: await loadProject(compared.demo.projectFile),
    }),
  );
}, 900_000);

afterAll(async () => {
  await compared?.remove();
  await gpg?.dispose();
  await rm(work, { recursive: true, force: true });
  await rm(CLI_OUT, { recursive: true, force: true });
  for (const reviewer of Object.values(reviewers)) {
    await rm(reviewer.home, { recursive: true, force: true });
  }
});

describe('a review from another machine, under a policy of 2 of 2', () => {
  it('exports a deterministic bundle naming the reviewers, the reports and the decisions so far', async () => {
    bundle = join(work, 'review.tar');
    const exported = countersignAs(compared.home, [
      'review',
      'export',
      '--project',
      compared.demo.projectFile,
      '--tag',
      TAG,
      '--out',
      bundle,
    ]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const again = await exportReviewBundle(
      compared.reviewDir,
      {
        project: { id: compared.project.id, name: compared.project.config.name },
        tag: TAG,
        policy: (await loadProject(compared.demo.projectFile)).config.reviewPolicy ?? null,
      },
      join(work, 'again.tar'),
    );
    expect(await readFile(join(work, 'again.tar'))).toEqual(await readFile(bundle));
    expect((await readdir(work)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const manifest = manifestOf(await tarEntries(bundle));
    expect(manifest.policy?.threshold).toBe(2);
    expect(manifest.policy?.reviewers.map((one) => one.fingerprint)).toEqual([
      reviewers.alice.fingerprint,
      reviewers.bob.fingerprint,
    ]);
    const doc = manifest.artifacts.find((one) => one.name.startsWith(DOC));
    expect(doc?.decisions.length).toBeGreaterThan(0);
    expect(new Set(doc?.decisions.map((one) => one.reviewer))).toEqual(
      new Set([reviewers.alice.fingerprint]),
    );
    expect(manifest.files.some((file) => file.path.startsWith('packages/'))).toBe(false);
    expect(again.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is opened, decided with Bob’s key and sent back as one signed file, in his own home', async () => {
    const opened = countersignAs(reviewers.bob.home, ['review', 'open', bundle, '--json']);
    expect(opened.stderr).toBe('');
    expect(opened.code).toBe(0);
    bobDir = (JSON.parse(opened.stdout) as { reviewDir: string }).reviewDir;
    expect(bobDir.startsWith(join(reviewers.bob.home, 'bundles'))).toBe(true);
    const passphraseFile = join(work, 'bob-passphrase');
    await writeFile(passphraseFile, `${reviewers.bob.passphrase}\n`, { mode: 0o600 });
    const decided = countersignAs(reviewers.bob.home, [
      'review',
      '--review',
      bobDir,
      '--artifact',
      `${DOC}_1.0.0_all.deb`,
      '--path',
      '**',
      '--accept',
      'build date only, checked from my machine',
      '--passphrase-file',
      passphraseFile,
    ]);
    expect(decided.stderr).toBe('');
    expect(decided.stdout).toMatch(/by Bob <bob@example.org> \([0-9A-F ]+\): signature valid/);
    const out = join(work, 'bob-decisions.json');
    const sent = countersignAs(reviewers.bob.home, [
      'review',
      'decisions',
      '--review',
      bobDir,
      '--out',
      out,
      '--passphrase-file',
      passphraseFile,
    ]);
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    bobFile = JSON.parse(await readFile(out, 'utf8')) as SignedDecisionsFile;
    expect(bobFile.signed.reviewer).toBe(reviewers.bob.fingerprint);
    expect(bobFile.signed.decisions.length).toBeGreaterThan(0);
    expect(bobFile.signed.decisions.every((one) => one.reviewer === bobFile.signed.reviewer)).toBe(
      true,
    );
    // Reopening keeps Bob's folder and decisions.
    const reopened = await asReviewer(reviewers.bob, () => openReviewBundle(bundle));
    expect(reopened).toMatchObject({ reviewDir: bobDir, alreadyOpen: true });
  });

  it('imports Bob’s decisions, and the gate counts 2 of 2; a second import appends nothing', async () => {
    expect(await docApprovals()).toMatchObject({ needed: 2, missing: 1 });
    const result = await compared.core.api['review:importDecisions']({
      tag: TAG,
      file: join(work, 'bob-decisions.json'),
    });
    expect(result).toMatchObject({ reviewer: { name: 'Bob' }, alreadyRecorded: 0 });
    expect(result.appended).toBe(bobFile.signed.decisions.length);
    const approvals = await docApprovals();
    expect(approvals?.missing).toBe(0);
    expect(
      approvals?.approvedBy
        .filter((one) => one.notCounted === null)
        .map((one) => one.name)
        .sort(),
    ).toEqual(['Alice', 'Bob']);
    const before = await auditLog();
    const cliImport = countersignAs(compared.home, [
      'review',
      'import',
      join(work, 'bob-decisions.json'),
      '--project',
      compared.demo.projectFile,
      '--tag',
      TAG,
    ]);
    expect(cliImport.stderr).toBe('');
    expect(cliImport.stdout).toMatch(/0 decision\(s\) appended/);
    expect(await auditLog()).toEqual(before);
  });

  it('is opened in the window in place of a project, decided and written back through its channels', async () => {
    const carolFile = join(work, 'carol-decisions.json');
    await asReviewer(reviewers.carol, async () => {
      const { api } = createCountersignCore(null);
      expect(await api['bundle:current']({})).toBeNull();
      const opened = await api['bundle:open']({ file: bundle });
      expect(opened).toMatchObject({ tag: TAG, project: { id: compared.project.id } });
      expect(opened.policy?.threshold).toBe(2);
      expect(await api['bundle:current']({})).toEqual(opened);
      expect(await api['project:current']({})).toBeNull();
      // The Review step's channels read the bundle's release, and only it.
      const summary = await api['review:summary']({ tag: TAG });
      const doc = summary.artifacts.find((one) => one.name.startsWith(DOC));
      expect(doc).toBeDefined();
      expect((await failure(api['review:summary']({ tag: 'v0.9.0' })))?.code).toBe(
        'INVALID_REQUEST',
      );
      const review = await api['review:open']({ tag: TAG, key: doc?.key ?? '' });
      expect(review.report.state).toBe('ready');
      // Alice's signed decisions came with the bundle, with her key: shown as valid, and counted.
      const alice = Object.values(review.decisions).flatMap((one) =>
        (one.decisions ?? []).filter((each) => each.fingerprint === reviewers.alice.fingerprint),
      );
      expect(alice.length).toBeGreaterThan(0);
      expect(alice.every((each) => each.signature === 'valid')).toBe(true);
      expect(doc?.approvals).toMatchObject({ needed: 2, missing: 1 });
      const decided = await api['review:decide']({
        tag: TAG,
        key: doc?.key ?? '',
        decision: 'accepted',
        comment: 'Carol, from the window',
        rule: { by: 'path', pattern: '**' },
        passphrase: reviewers.carol.passphrase,
      });
      expect(
        Object.values(decided.decisions).flatMap((one) =>
          (one.decisions ?? []).filter((each) => each.fingerprint === reviewers.carol.fingerprint),
        ).length,
      ).toBeGreaterThan(0);
      // Decisions go back to the project they came from, never into a bundle.
      expect(
        (await failure(api['review:importDecisions']({ tag: TAG, file: carolFile })))?.code,
      ).toBe('INVALID_REQUEST');
      const written = await api['bundle:writeDecisions']({
        out: carolFile,
        passphrase: reviewers.carol.passphrase,
      });
      expect(written.reviewer).toBe(reviewers.carol.fingerprint);
      expect(written.decisions).toBeGreaterThan(0);
      await api['bundle:close']({});
      expect(await api['bundle:current']({})).toBeNull();
      expect((await failure(api['review:summary']({ tag: TAG })))?.code).toBe('NO_PROJECT');
    });
    // Carol is not one of the project's reviewers: her file is refused, nothing appended.
    const before = await auditLog();
    const refused = await failure(
      compared.core.api['review:importDecisions']({ tag: TAG, file: carolFile }),
    );
    expect(refused?.code).toBe('DECISIONS_UNKNOWN_REVIEWER');
    expect(await auditLog()).toEqual(before);
  });

  describe('refuses a hostile bundle, keeping nothing of it', () => {
    let entries: TarFixtureEntry[];
    const refusedWith = async (file: string, code: string, limits = {}) => {
      const before = await readdir(join(reviewers.bob.home, 'bundles'));
      const error = await asReviewer(reviewers.bob, () =>
        failure(openReviewBundle(file, { limits })),
      );
      expect(error?.code).toBe(code);
      expect(error?.hint).toBeTruthy();
      expect(await readdir(join(reviewers.bob.home, 'bundles'))).toEqual(before);
      return error;
    };
    beforeAll(async () => {
      entries = await tarEntries(bundle);
    });

    it('with an entry climbing out with ..', async () => {
      const file = await hostileBundle([...entries, { name: '../evil', data: 'x' }]);
      expect((await refusedWith(file, 'BUNDLE_HOSTILE'))?.message).toMatch(/climbs out/);
    });

    it('with a symbolic link', async () => {
      const link = { name: 'reports/link', type: '2', linkName: '../compare.json' };
      await refusedWith(await hostileBundle([...entries, link]), 'BUNDLE_HOSTILE');
    });

    it('with an absolute path', async () => {
      const file = await hostileBundle([...entries, { name: '/tmp/evil', data: 'x' }]);
      expect((await refusedWith(file, 'BUNDLE_HOSTILE'))?.message).toMatch(/absolute/);
    });

    it('with an entry larger than a bundle may hold', async () => {
      const error = await refusedWith(bundle, 'BUNDLE_HOSTILE', { maxEntryBytes: 1024 });
      expect(error?.message).toMatch(/more than the 1024/);
    });

    it('that lists a file a review folder never holds (its own audit log)', async () => {
      const manifest = manifestOf(entries);
      manifest.files.push({ path: 'audit.jsonl', size: 1, sha256: '0'.repeat(64) });
      await refusedWith(await hostileBundle(withManifest(entries, manifest)), 'BUNDLE_HOSTILE');
    });

    it('whose manifest gives a file another hash', async () => {
      const manifest = manifestOf(entries);
      manifest.files[0]!.sha256 = 'f'.repeat(64);
      await refusedWith(await hostileBundle(withManifest(entries, manifest)), 'BUNDLE_TAMPERED');
    });

    it('with a report edited', async () => {
      const edited = entries.map((entry) =>
        entry.name.endsWith('diffs.txt')
          ? { ...entry, data: Buffer.from(String(entry.data).replace(/[0-9]/, 'X')) }
          : entry,
      );
      const error = await refusedWith(await hostileBundle(edited), 'BUNDLE_TAMPERED');
      expect(error?.message).toMatch(/SHA-256/);
    });

    it('with a report’s tree edited and the manifest made to match it', async () => {
      const manifest = manifestOf(entries);
      const { createHash } = await import('node:crypto');
      const edited = entries.map((entry) => {
        if (!entry.name.endsWith('tree.json')) return entry;
        const tree = JSON.parse(String(entry.data)) as { reportSha256: string };
        tree.reportSha256 = 'a'.repeat(64);
        const data = Buffer.from(JSON.stringify(tree));
        const listed = manifest.files.find((one) => one.path === entry.name)!;
        listed.size = data.length;
        listed.sha256 = createHash('sha256').update(data).digest('hex');
        return { ...entry, data };
      });
      const error = await refusedWith(
        await hostileBundle(withManifest(edited, manifest)),
        'BUNDLE_TAMPERED',
      );
      expect(error?.message).toMatch(/not the report the manifest names/);
    });
  });

  describe('refuses a hostile decisions file, appending nothing', () => {
    const refusedWith = async (text: string, code: string) => {
      const before = await auditLog();
      const error = await failure(
        compared.core.api['review:importDecisions']({
          tag: TAG,
          content: Buffer.from(text).toString('base64'),
        }),
      );
      expect(error?.code).toBe(code);
      expect(error?.hint).toBeTruthy();
      expect(await auditLog()).toEqual(before);
      return error;
    };

    it('when it was changed after it was signed', async () => {
      const edited = structuredClone(bobFile);
      edited.signed.decisions[0]!.statement.comment = 'anything';
      await refusedWith(JSON.stringify(edited), 'DECISIONS_SIGNATURE_INVALID');
      await refusedWith('{"signed": 1}', 'DECISIONS_SIGNATURE_INVALID');
    });

    it('when it is signed by a key the policy does not pin', async () => {
      const opened = await asReviewer(reviewers.carol, () => openReviewBundle(bundle));
      await asReviewer(reviewers.carol, () =>
        reviewFolderVerdicts(opened.reviewDir, {
          artifact: `${DOC}_1.0.0_all.deb`,
          decide: { rule: { by: 'path', pattern: '**' }, decision: 'accepted', comment: 'ok' },
          report: QUIET,
          passphrase: reviewers.carol.passphrase,
        }),
      );
      const out = join(work, 'carol-decisions.json');
      await asReviewer(reviewers.carol, () =>
        writeDecisionsFile(opened.reviewDir, out, reviewers.carol.passphrase),
      );
      const error = await refusedWith(await readFile(out, 'utf8'), 'DECISIONS_UNKNOWN_REVIEWER');
      expect(error?.message).toContain(reviewers.carol.fingerprint);
      // Carol's decision smuggled into a file Bob signs is not Bob's.
      const carols = JSON.parse(await readFile(out, 'utf8')) as SignedDecisionsFile;
      const smuggled = await resignedByBob((body) => {
        body.decisions.push(carols.signed.decisions[0]!);
      });
      await refusedWith(smuggled, 'DECISIONS_SIGNATURE_INVALID');
    });

    it('when the policy revoked its reviewer', async () => {
      await setPolicy([pin(reviewers.alice), pin(reviewers.bob, { revoked: true })]);
      try {
        await refusedWith(JSON.stringify(bobFile), 'DECISIONS_REVOKED_REVIEWER');
      } finally {
        await setPolicy([pin(reviewers.alice), pin(reviewers.bob)]);
      }
    });

    it('when it was made for another report, tag or project', async () => {
      const otherReport = await resignedByBob((body) => {
        body.reports[0]!.reportSha256 = 'b'.repeat(64);
      });
      await refusedWith(otherReport, 'DECISIONS_OTHER_REPORT');
      await refusedWith(
        await resignedByBob((body) => {
          body.tag = 'v9.9.9';
        }),
        'DECISIONS_OTHER_REPORT',
      );
      await refusedWith(
        await resignedByBob((body) => {
          body.project = 'another-project';
        }),
        'DECISIONS_OTHER_REPORT',
      );
      // Decisions made for another tag, even in a file that claims this one.
      const error = await failure(
        importDecisions(
          compared.reviewDir,
          await loadProject(compared.demo.projectFile),
          'v2.0.0',
          JSON.stringify(bobFile),
        ),
      );
      expect(error?.code).toBe('DECISIONS_OTHER_REPORT');
    });
  });
});
