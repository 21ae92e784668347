import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAppError } from '../../../shared/errors';
import type { ProjectConfig } from '../../../shared/project';
import type { PromotionResult } from '../../../shared/promote';
import { reviewPolicySchema, type ReviewPolicy } from '../../../shared/reviewers';
import { comparedDemo, QUIET, type ComparedDemo } from '../../testing/comparedDemo';
import { readAuditEntries } from '../audit/auditLog';
import { GnupgHome } from '../lib/gpg/gnupgHome';
import {
  buildLink,
  linkFileName,
  metablockText,
  readLinkMetablock,
  type Link,
  type Metablock,
} from '../lib/intoto/index';
import { readReleaseKey, withUnlockedKey } from '../lib/openpgp/index';
import { loadProject } from '../lib/project/projectStore';
import { importReviewerKey, reviewFolderVerdicts } from '../review/index';
import {
  IN_TOTO_FOLDER,
  LAYOUT_FILE,
  RELEASE_KEY_FILE,
  reviewerSigner,
  writeApprovals,
  type ReviewerSigner,
} from './index';

// Two reviewers with keys made by real GnuPG (RSA 3072, and an Ed25519
// primary, passphrase-protected, each in their own Countersign home), a
// policy of 2 of 2 in project.json, the demo release's difference accepted
// by both with signed decisions, a sign-off by each (one through the
// channel, one with the CLI), the promotion; then Debian's in-toto-verify
// judges what the promotion published.

const TAG = 'v1.0.0';
const IN_TOTO = spawnSync('in-toto-verify', ['--version']).status === 0;
const SKIP_REASON =
  'in-toto-verify is not installed (bash scripts/ensure-test-deps.sh installs it)';
const OUTPUTS = process.env.COUNTERSIGN_INTOTO_OUTPUTS;

interface Reviewer {
  name: string;
  fingerprint: string;
  passphrase: string;
  /** The reviewer's own Countersign home, holding their key. */
  home: string;
  /** Their secret key as exported by GnuPG, still protected. */
  armored: string;
  key: openpgp.PrivateKey;
  signer: ReviewerSigner;
}

describe.skipIf(!IN_TOTO)(
  `reviewers' approvals judged by Debian's in-toto-verify${IN_TOTO ? '' : ` (skipped: ${SKIP_REASON})`}`,
  () => {
    let compared: ComparedDemo;
    let gpg: GnupgHome;
    let outsiderHome: GnupgHome;
    let rsa: Reviewer;
    let ed25519: Reviewer;
    let stranger: Reviewer;
    let policy: ReviewPolicy;
    let promotion: PromotionResult;
    let published: string[];
    let inTotoDir: string;
    let cliSignOff: { code: number | null; stdout: string; stderr: string };
    const folders: string[] = [];
    const transcript: string[] = [];

    async function makeReviewer(name: string, algo: string): Promise<Reviewer> {
      const passphrase = `${name} passphrase`;
      const fingerprint = await gpg.generateKey(`${name} <${name.toLowerCase()}@example.org>`, {
        algo,
        usage: 'sign',
        passphrase,
      });
      const home = await mkdtemp(join(tmpdir(), 'cs-approver-'));
      folders.push(home);
      const armored = await gpg.exportSecret(fingerprint, { passphrase });
      await asReviewer(home, () => importReviewerKey(armored, null));
      const key = await openpgp.decryptKey({
        privateKey: await openpgp.readPrivateKey({ armoredKey: armored }),
        passphrase,
      });
      // Signatures come after the keys, as GnuPG dates the self-signatures.
      const signer = await reviewerSigner(key, new Date(Date.now() + 1000));
      return { name, fingerprint, passphrase, home, armored, key, signer };
    }

    /** Runs `fn` with COUNTERSIGN_HOME pointing at a reviewer's own home. */
    async function asReviewer<T>(home: string, fn: () => Promise<T>): Promise<T> {
      const previous = process.env.COUNTERSIGN_HOME;
      process.env.COUNTERSIGN_HOME = home;
      try {
        return await fn();
      } finally {
        process.env.COUNTERSIGN_HOME = previous;
      }
    }

    /** The reviewer accepts every difference of the differing package, signed with their key. */
    const accept = (reviewer: Reviewer) =>
      asReviewer(reviewer.home, async () =>
        reviewFolderVerdicts(compared.reviewDir, {
          artifact: 'countersign-hello-doc_1.0.0_all.deb',
          decide: {
            rule: { by: 'path', pattern: '**' },
            decision: 'accepted',
            comment: "CI's build clock; the rebuild stamps SOURCE_DATE_EPOCH",
          },
          report: QUIET,
          passphrase: reviewer.passphrase,
          project: await loadProject(compared.demo.projectFile),
        }),
      );

    beforeAll(async () => {
      compared = await comparedDemo(TAG, 'approvals');
      gpg = await GnupgHome.create();
      rsa = await makeReviewer('Rita', 'rsa3072');
      ed25519 = await makeReviewer('Eddie', 'ed25519');
      stranger = await makeReviewer('Stranger', 'ed25519');
      policy = reviewPolicySchema.parse({
        reviewers: [
          {
            name: rsa.name,
            fingerprint: rsa.fingerprint,
            publicKey: await gpg.exportPublic(rsa.fingerprint),
          },
          {
            name: ed25519.name,
            fingerprint: ed25519.fingerprint,
            publicKey: await gpg.exportPublic(ed25519.fingerprint),
          },
        ],
        threshold: 2,
      });
      const config = JSON.parse(await readFile(compared.demo.projectFile, 'utf8')) as ProjectConfig;
      await writeFile(
        compared.demo.projectFile,
        `${JSON.stringify({ ...config, reviewPolicy: policy }, null, 2)}\n`,
      );

      // Each reviewer decides from their own home; then signs off at the release manager's
      // machine, where the review folder is (one reviewer key per account: they take turns),
      // one through the engine's channel, the other with the CLI.
      const { core } = compared;
      const doc = (await core.api['promote:plan']({ tag: TAG })).candidates.find(
        (candidate) => candidate.package === 'countersign-hello-doc',
      );
      await core.api['review:runReport']({ tag: TAG, key: doc!.key });
      await accept(rsa);
      await accept(ed25519);
      await asReviewer(compared.home, async () => {
        await importReviewerKey(rsa.armored, null);
        await core.api['review:signOff']({ tag: TAG, passphrase: rsa.passphrase });
        await importReviewerKey(ed25519.armored, null);
      });
      const passphraseFile = join(ed25519.home, 'passphrase');
      await writeFile(passphraseFile, `${ed25519.passphrase}\n`, { mode: 0o600 });
      cliSignOff = compared.countersign([
        'review',
        'sign-off',
        '--project',
        compared.demo.projectFile,
        '--tag',
        TAG,
        '--passphrase-file',
        passphraseFile,
      ]);

      const plan = await core.api['promote:plan']({ tag: TAG });
      promotion = await core.api['promote:run']({
        tag: TAG,
        passphrase: compared.demo.releaseKey.passphrase,
        planDigest: plan.planDigest,
      });
      published = promotion.attestations.filter((file) => file.includes(`/${IN_TOTO_FOLDER}/`));
      inTotoDir = join(compared.demo.aptProd, 'attestations', TAG, IN_TOTO_FOLDER);

      // An outsider's GnuPG home holding only the release key, imported from what was published.
      outsiderHome = await GnupgHome.create();
      await outsiderHome.run(['--import', join(inTotoDir, RELEASE_KEY_FILE)]);
    }, 1_200_000);

    afterAll(async () => {
      if (OUTPUTS) await writeFile(OUTPUTS, transcript.join('\n'));
      await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
      await outsiderHome?.dispose();
      await gpg?.dispose();
      await compared?.remove();
    });

    /** A copy of the published folder, changed by `edit`, judged by Debian's in-toto-verify. */
    async function inTotoVerify(
      label: string,
      edit: (dir: string) => Promise<void> = async () => {},
    ) {
      const dir = await mkdtemp(join(tmpdir(), 'cs-approvals-'));
      folders.push(dir);
      await cp(inTotoDir, dir, { recursive: true });
      await edit(dir);
      const fingerprint = compared.demo.releaseKey.fingerprint;
      const args = ['--layout', LAYOUT_FILE, '--link-dir', '.', '--gpg', fingerprint, '--verbose'];
      const run = spawnSync('in-toto-verify', [...args, '--gpg-home', outsiderHome.home], {
        cwd: dir,
        encoding: 'utf8',
      });
      const output = `${run.stdout}${run.stderr}`.trim();
      transcript.push(
        `### ${label}\n$ ls\n${(await readdir(dir)).sort().join(' ')}\n` +
          `$ in-toto-verify ${args.join(' ')} --gpg-home GNUPGHOME\n${output}\n(exit ${run.status})\n`,
      );
      return { status: run.status, output };
    }

    const linkOf = (who: Reviewer) => linkFileName('approve', who.signer.keyid);

    async function publishedLink(who: Reviewer): Promise<Metablock<Link>> {
      const read = readLinkMetablock(await readFile(join(inTotoDir, linkOf(who)), 'utf8'));
      if (!read.ok) throw new Error(read.reason);
      return read.metablock;
    }

    it("keeps each reviewer's sign-off in the review folder and records it in the audit log", async () => {
      expect(cliSignOff.code, cliSignOff.stderr).toBe(0);
      expect(cliSignOff.stdout).toContain(`signed off on ${TAG} with key ${ed25519.fingerprint}`);
      const signed = (await readAuditEntries(compared.reviewDir)).filter(
        (entry) => entry.kind === 'approval-signed',
      );
      expect(signed.map((entry) => entry.data.reviewer)).toEqual([
        rsa.fingerprint,
        ed25519.fingerprint,
      ]);
      for (const entry of signed) {
        const text = await readFile(join(compared.reviewDir, String(entry.data.file)), 'utf8');
        expect(entry.data.sha256).toBe(createHash('sha256').update(text).digest('hex'));
        expect(entry.data.file).toMatch(/^approvals\/approve\.[0-9a-f]{8}\.link$/);
      }
      // Both promoted packages, under apt's names, with the bytes apt-test served and apt-prod now serves.
      expect(signed[0]?.data.products).toEqual(
        promotion.plan.changes
          .map((change) => ({
            name: `${change.package}_${change.version}_${change.architecture}.deb`,
            sha256: change.sha256,
          }))
          .sort((a, b) => (a.name < b.name ? -1 : 1)),
      );
    });

    it('refuses a sign-off by a reviewer the policy does not pin: it would never be published', async () => {
      const refused = await asReviewer(compared.home, async () => {
        await importReviewerKey(stranger.armored, null);
        return compared.core.api['review:signOff']({
          tag: TAG,
          passphrase: stranger.passphrase,
        }).then(
          () => null,
          (error: unknown) => toAppError(error),
        );
      });
      expect(refused?.code).toBe('KEY_CANNOT_SIGN');
      expect(refused?.message).toMatch(/not one project .* review policy pins/);
    });

    it('publishes the layout, both approvals and the release key beside the attestations', async () => {
      expect(published.sort()).toEqual(
        [LAYOUT_FILE, linkOf(rsa), linkOf(ed25519), RELEASE_KEY_FILE]
          .map((file) => `attestations/${TAG}/${IN_TOTO_FOLDER}/${file}`)
          .sort(),
      );
      const layout = JSON.parse(await readFile(join(inTotoDir, LAYOUT_FILE), 'utf8')) as {
        signed: { steps: { name: string; threshold: number; pubkeys: string[] }[] };
      };
      expect(layout.signed.steps).toMatchObject([
        {
          name: 'approve',
          threshold: 2,
          pubkeys: [rsa.fingerprint.toLowerCase(), ed25519.fingerprint.toLowerCase()],
        },
      ]);
      const recorded = (await readAuditEntries(compared.reviewDir)).find(
        (entry) => entry.kind === 'approvals-published',
      );
      expect(recorded?.data).toMatchObject({ threshold: 2, notPublished: [] });
    });

    it('passes with two distinct approvals of the promoted packages', async () => {
      const result = await inTotoVerify('pass: 2 distinct approvals (2 of 2)');
      expect(result.status, result.output).toBe(0);
      expect(result.output).toMatch(/The software product passed all verification/);
    });

    it('fails with one approval (k − 1)', async () => {
      const result = await inTotoVerify('fail: 1 approval (k − 1)', (dir) =>
        rm(join(dir, linkOf(ed25519))),
      );
      expect(result.status, result.output).toBe(1);
      expect(result.output).toMatch(
        /Step 'approve' requires '2' link metadata file\(s\), found '1'/,
      );
    });

    it("fails with one reviewer's approval counted twice (copied under the other's name)", async () => {
      const result = await inTotoVerify("fail: one reviewer's approval twice", (dir) =>
        cp(join(dir, linkOf(rsa)), join(dir, linkOf(ed25519))),
      );
      expect(result.status, result.output).toBe(1);
      expect(result.output).toMatch(/Only found '1'/);
    });

    it('fails when the second approval is by a key the layout does not name', async () => {
      const theirs = await publishedLink(rsa);
      const link = buildLink({
        name: 'approve',
        products: Object.fromEntries(
          Object.entries(theirs.signed.products).map(([name, { sha256 }]) => [name, sha256]),
        ),
      });
      const byStranger = metablockText({
        signed: link,
        signatures: [await stranger.signer.sign(link)],
      });
      const result = await inTotoVerify(
        'fail: an approval by a key the layout does not name',
        async (dir) => {
          await rm(join(dir, linkOf(ed25519)));
          await writeFile(join(dir, linkOf(stranger)), byStranger);
          await writeFile(join(dir, linkOf(ed25519)), byStranger); // posing as the Ed25519 reviewer
        },
      );
      expect(result.status, result.output).toBe(1);
    });

    it("fails when the approvers disagree on a package's hash, and such an approval is never published", async () => {
      const theirs = await publishedLink(rsa);
      const products = Object.fromEntries(
        Object.entries(theirs.signed.products).map(([name, { sha256 }]) => [name, sha256]),
      );
      const doc = Object.keys(products).find((name) => name.startsWith('countersign-hello-doc_'))!;
      products[doc] = createHash('sha256').update('other bytes').digest('hex');
      const link = buildLink({ name: 'approve', products });
      const disagreeing = metablockText({
        signed: link,
        signatures: [await ed25519.signer.sign(link)],
      });
      const result = await inTotoVerify("fail: approvers disagree on a package's hash", (dir) =>
        writeFile(join(dir, linkOf(ed25519)), disagreeing),
      );
      expect(result.status, result.output).toBe(1);
      expect(result.output).toMatch(/have different artifacts/);

      // Countersign itself leaves such a link out, and says why.
      const reviewDir = await mkdtemp(join(tmpdir(), 'cs-approvals-review-'));
      folders.push(reviewDir);
      await cp(join(compared.reviewDir, 'approvals'), join(reviewDir, 'approvals'), {
        recursive: true,
      });
      await writeFile(join(reviewDir, 'approvals', linkOf(ed25519)), disagreeing);
      const armored = await readFile(
        join(compared.demo.dir, compared.demo.releaseKey.file),
        'utf8',
      );
      const written = await withUnlockedKey(
        await readReleaseKey(armored, {}),
        compared.demo.releaseKey.passphrase,
        async (unlocked) =>
          writeApprovals({
            reviewDir,
            outDir: join(reviewDir, 'out'),
            projectName: 'demo',
            tag: TAG,
            policy,
            promoted: promotion.plan.changes,
            releaseKey: {
              key: unlocked.key,
              fingerprint: unlocked.info.fingerprint,
              signingKey: unlocked.info.signingKey.fingerprint,
            },
            date: new Date(),
          }),
      );
      expect(written.published.map(({ reviewer }) => reviewer)).toEqual([rsa.fingerprint]);
      expect(written.setAside).toEqual([
        {
          file: `approvals/${linkOf(ed25519)}`,
          reviewer: ed25519.fingerprint.toLowerCase(),
          reason: `its products are not the promoted packages: other bytes for ${doc}`,
        },
      ]);
    });
  },
);
