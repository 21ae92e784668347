import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewPolicySchema, type ReviewPolicy } from '../../../shared/reviewers';
import type { PromotionResult } from '../../../shared/promote';
import { comparedDemo, type ComparedDemo } from '../../testing/comparedDemo';
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
import { artifactStanding } from '../lib/reviewFolder/decisions';
import {
  IN_TOTO_FOLDER,
  LAYOUT_FILE,
  RELEASE_KEY_FILE,
  reviewerSigner,
  signOff,
  writeApprovals,
  type ReviewerApproves,
  type ReviewerSigner,
} from './index';

// Two reviewers with keys made by real GnuPG (RSA 3072, and an Ed25519
// primary), a policy of 2 of 2, the demo release reviewed, signed off by
// both and promoted; then Debian's in-toto-verify judges what was published.

const TAG = 'v1.0.0';
const IN_TOTO = spawnSync('in-toto-verify', ['--version']).status === 0;
const SKIP_REASON =
  'in-toto-verify is not installed (bash scripts/ensure-test-deps.sh installs it)';
const OUTPUTS = process.env.COUNTERSIGN_INTOTO_OUTPUTS;

interface Reviewer {
  fingerprint: string;
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
    let viaPromotion = false;
    const folders: string[] = [];
    const transcript: string[] = [];

    // Whether the reviewer's decisions approve the artifact: today the review
    // folder's decisions (each reviewer in this test reads and accepts the
    // same report); with signed decisions, only the reviewer's own.
    const approves: ReviewerApproves = async (artifact) =>
      (await artifactStanding(compared.reviewDir, artifact.key)).verdict === 'approved';

    async function reviewer(fingerprint: string, date: Date): Promise<Reviewer> {
      const key = await openpgp.readPrivateKey({ armoredKey: await gpg.exportSecret(fingerprint) });
      return { fingerprint, key, signer: await reviewerSigner(key, date) };
    }

    beforeAll(async () => {
      compared = await comparedDemo(TAG, 'approvals');
      gpg = await GnupgHome.create();
      const rsaFpr = await gpg.generateKey('Reviewer RSA <rsa@example.org>', { algo: 'rsa3072' });
      const edFpr = await gpg.generateKey('Reviewer Ed <ed@example.org>', { algo: 'ed25519' });
      const strangerFpr = await gpg.generateKey('Stranger <s@example.org>', { algo: 'ed25519' });
      // Signatures come after the keys, as GnuPG dates the self-signatures.
      const signedAt = new Date(Date.now() + 1000);
      rsa = await reviewer(rsaFpr, signedAt);
      ed25519 = await reviewer(edFpr, signedAt);
      stranger = await reviewer(strangerFpr, signedAt);
      policy = reviewPolicySchema.parse({
        reviewers: [
          { name: 'Reviewer RSA', fingerprint: rsaFpr, publicKey: await gpg.exportPublic(rsaFpr) },
          { name: 'Reviewer Ed', fingerprint: edFpr, publicKey: await gpg.exportPublic(edFpr) },
        ],
        threshold: 2,
      });

      // The differing package reviewed as the promotion test does it.
      const { core } = compared;
      const doc = (await core.api['promote:plan']({ tag: TAG })).candidates.find(
        (candidate) => candidate.package === 'countersign-hello-doc',
      );
      await core.api['review:runReport']({ tag: TAG, key: doc!.key });
      await core.api['review:decide']({
        tag: TAG,
        key: doc!.key,
        decision: 'accepted',
        comment: "CI's build clock; the rebuild stamps SOURCE_DATE_EPOCH",
        rule: { by: 'path', pattern: '**' },
      });
      for (const { signer } of [rsa, ed25519]) {
        await signOff({
          reviewDir: compared.reviewDir,
          tag: TAG,
          signer,
          approves,
          identicalNeedsApproval: false,
        });
      }

      const plan = await core.api['promote:plan']({ tag: TAG });
      promotion = await core.api['promote:run']({
        tag: TAG,
        passphrase: compared.demo.releaseKey.passphrase,
        planDigest: plan.planDigest,
      });
      // Published by the promotion when the project's policy reaches it; else here, as it would.
      published = promotion.attestations.filter((file) => file.includes(`/${IN_TOTO_FOLDER}/`));
      viaPromotion = published.length > 0;
      inTotoDir = join(compared.demo.aptProd, 'attestations', TAG, IN_TOTO_FOLDER);
      if (published.length === 0) {
        const armored = await readFile(
          join(compared.demo.dir, compared.demo.releaseKey.file),
          'utf8',
        );
        const written = await withUnlockedKey(
          await readReleaseKey(armored, {}),
          compared.demo.releaseKey.passphrase,
          (unlocked) =>
            writeApprovals({
              reviewDir: compared.reviewDir,
              outDir: inTotoDir,
              projectName: compared.project.config.name,
              tag: TAG,
              policy,
              promoted: promotion.plan.changes,
              releaseKey: {
                key: unlocked.key,
                fingerprint: unlocked.info.fingerprint,
                signingKey: unlocked.info.signingKey.fingerprint,
              },
              date: new Date(Date.now() + 1000),
            }),
        );
        published = written.files.map(
          ({ file }) => `attestations/${TAG}/${IN_TOTO_FOLDER}/${file}`,
        );
      }

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
      if (viaPromotion) expect(recorded?.data).toMatchObject({ threshold: 2, notPublished: [] });
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
