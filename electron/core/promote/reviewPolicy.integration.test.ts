import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAppError } from '../../../shared/errors';
import type { ProjectConfig } from '../../../shared/project';
import type { PinnedReviewer, SignedDecision } from '../../../shared/reviewers';
import { comparedDemo, QUIET, type ComparedDemo } from '../../testing/comparedDemo';
import { auditHistory } from '../audit/auditHistory';
import { checkAuditChain } from '../audit/auditLog';
import { GnupgHome } from '../lib/gpg/gnupgHome';
import {
  asReviewer,
  makeReviewer,
  type TestReviewer,
} from '../lib/reviewers/testing/testReviewers';
import { loadProject } from '../lib/project/projectStore';
import { importReviewerKey, reviewFolderVerdicts } from '../review/index';

// The demo release under a review policy of 2 of 2, with reviewer keys made
// by GnuPG (RSA 3072 and Ed25519, passphrase-protected): one approval is
// refused at the gate, a second reviewer deciding from another Countersign
// home lets it pass; the same reviewer twice, an unpinned and a revoked
// reviewer do not count; a statement edited in the log is invalid.

const TAG = 'v1.0.0';
const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'countersign.js');
const DOC = 'countersign-hello-doc';
let compared: ComparedDemo;
let gpg: GnupgHome;
let work: string;
let docKey: string;
let original: string;

type Reviewer = TestReviewer;
const reviewers: Record<'alice' | 'bob' | 'carol', Reviewer> = {} as never;

/** Runs the built CLI in this reviewer's own home. */
function countersignAs(reviewer: Reviewer, args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, COUNTERSIGN_HOME: reviewer.home },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The reviewer accepts every difference of the doc package, through the engine, in their home. */
function accept(reviewer: Reviewer, comment = 'build date only') {
  return asReviewer(reviewer, async () => {
    const project = await loadProject(compared.demo.projectFile);
    return reviewFolderVerdicts(compared.reviewDir, {
      artifact: `${DOC}_1.0.0_all.deb`,
      decide: { rule: { by: 'path', pattern: '**' }, decision: 'accepted', comment },
      report: QUIET,
      passphrase: reviewer.passphrase,
      project,
    });
  });
}

async function setPolicy(
  pinned: PinnedReviewer[],
  threshold = 2,
  identicalThreshold = 0,
): Promise<void> {
  const config = JSON.parse(original) as ProjectConfig;
  config.reviewPolicy = { reviewers: pinned, threshold, identicalThreshold };
  await writeFile(compared.demo.projectFile, `${JSON.stringify(config, null, 2)}\n`);
}

const pin = (reviewer: Reviewer, extra: Partial<PinnedReviewer> = {}): PinnedReviewer => ({
  name: reviewer.name,
  fingerprint: reviewer.fingerprint,
  publicKey: reviewer.publicKey,
  revoked: false,
  ...extra,
});

const docApprovals = async (packages?: string[]) => {
  const plan = await compared.core.api['promote:plan']({
    tag: TAG,
    ...(packages ? { packages } : {}),
  });
  const approvals = plan.approvals?.find((approval) => approval.artifact.startsWith(DOC));
  const candidate = plan.candidates.find((one) => one.package === DOC);
  return { plan, approvals, refusals: candidate?.refusals.map((refusal) => refusal.code) ?? [] };
};

beforeAll(async () => {
  compared = await comparedDemo(TAG, 'policy');
  gpg = await GnupgHome.create();
  work = await mkdtemp(join(tmpdir(), 'cs-policy-'));
  reviewers.alice = await makeReviewer(gpg, 'Alice', 'rsa3072', 'cs-reviewer');
  reviewers.bob = await makeReviewer(gpg, 'Bob', 'ed25519', 'cs-reviewer');
  reviewers.carol = await makeReviewer(gpg, 'Carol', 'ed25519', 'cs-reviewer');
  original = await readFile(compared.demo.projectFile, 'utf8');
  await setPolicy([pin(reviewers.alice), pin(reviewers.bob)]);
  for (const reviewer of Object.values(reviewers)) {
    await asReviewer(reviewer, () => importReviewerKey(reviewer.secretKey, null));
  }
  const plan = await compared.core.api['promote:plan']({ tag: TAG });
  docKey = plan.candidates.find((candidate) => candidate.package === DOC)!.key;
  await compared.core.api['review:runReport']({ tag: TAG, key: docKey });
}, 900_000);

afterAll(async () => {
  await compared?.remove();
  await gpg?.dispose();
  await rm(work, { recursive: true, force: true });
  for (const reviewer of Object.values(reviewers)) {
    await rm(reviewer.home, { recursive: true, force: true });
  }
});

describe('a review policy of 2 of 2 on the demo release', () => {
  it('records each decision signed by its reviewer, verified against the pinned keys', async () => {
    await accept(reviewers.alice);
    const review = await compared.core.api['review:open']({ tag: TAG, key: docKey });
    const decisions = Object.values(review.decisions).flatMap((one) => one.decisions ?? []);
    expect(decisions.length).toBeGreaterThan(0);
    for (const decision of decisions) {
      expect(decision).toMatchObject({
        reviewer: 'Alice',
        fingerprint: reviewers.alice.fingerprint,
        signature: 'valid',
      });
    }
  });

  it('refuses the promotion after one approval, naming the missing one', async () => {
    const { plan, approvals, refusals } = await docApprovals([DOC]);
    expect(refusals).toContain('NOT_ENOUGH_APPROVALS');
    expect(approvals).toMatchObject({ needed: 2, missing: 1 });
    expect(approvals?.approvedBy).toEqual([
      { name: 'Alice', fingerprint: reviewers.alice.fingerprint, notCounted: null },
    ]);
    const error = await compared.core.api['promote:run']({
      tag: TAG,
      packages: [DOC],
      planDigest: plan.planDigest,
      passphrase: compared.demo.releaseKey.passphrase,
    }).then(
      () => null,
      (failure: unknown) => toAppError(failure),
    );
    expect(error?.code).toBe('PROMOTION_REFUSED');
    expect(`${error?.message} ${error?.hint ?? ''}`).toMatch(/1 approval missing/);
  });

  it('counts the same reviewer once, however often they sign', async () => {
    await accept(reviewers.alice, 'checked again');
    expect((await docApprovals()).approvals?.missing).toBe(1);
  });

  it('does not count a reviewer the policy does not pin', async () => {
    await accept(reviewers.carol);
    const { approvals } = await docApprovals();
    expect(approvals?.missing).toBe(1);
    expect(
      approvals?.approvedBy.find((one) => one.fingerprint === reviewers.carol.fingerprint),
    ).toMatchObject({ notCounted: 'not a reviewer the policy pins' });
  });

  it('passes with a second reviewer deciding from another Countersign home', async () => {
    await accept(reviewers.bob);
    const { approvals, refusals } = await docApprovals();
    expect(approvals?.missing).toBe(0);
    expect(refusals).toEqual([]);
    expect(
      approvals?.approvedBy
        .filter((one) => one.notCounted === null)
        .map((one) => one.name)
        .sort(),
    ).toEqual(['Alice', 'Bob']);
  });

  it('does not count a reviewer the policy revokes, or whose pinned key carries a revocation', async () => {
    await setPolicy([pin(reviewers.alice), pin(reviewers.bob, { revoked: true })]);
    expect((await docApprovals()).approvals?.missing).toBe(1);
    await gpg.revokeKey(reviewers.bob.fingerprint);
    const revokedKey = await gpg.exportPublic(reviewers.bob.fingerprint);
    await setPolicy([pin(reviewers.alice), pin(reviewers.bob, { publicKey: revokedKey })]);
    const { approvals } = await docApprovals();
    expect(approvals?.missing).toBe(1);
    expect(approvals?.approvedBy.find((one) => one.name === 'Bob')?.notCounted).toMatch(/revoked/);
    await setPolicy([pin(reviewers.alice), pin(reviewers.bob)]);
    expect((await docApprovals()).approvals?.missing).toBe(0);
  });

  it('promotes with 2 of 2, and the CLI plan lists who approved', async () => {
    const cli = compared.countersign([
      'promote',
      '--project',
      compared.demo.projectFile,
      '--tag',
      TAG,
      '--dry-run',
    ]);
    expect(cli.stdout).toContain('Approvals (review policy):');
    expect(cli.stdout).toMatch(/✔ countersign-hello-doc\S*: 2 of 2 needed/);
    const { plan } = await docApprovals();
    expect(plan.canPromote).toBe(true);
    const result = await compared.core.api['promote:run']({
      tag: TAG,
      planDigest: plan.planDigest,
      passphrase: compared.demo.releaseKey.passphrase,
    });
    expect(result.plan.changes.map((change) => change.package)).toContain(DOC);
  });

  it("signs the CLI's decisions with the reviewer key, its passphrase read from a file", async () => {
    const passphraseFile = join(work, 'alice-passphrase');
    await writeFile(passphraseFile, `${reviewers.alice.passphrase}\n`, { mode: 0o600 });
    const cli = countersignAs(reviewers.alice, [
      'review',
      '--review',
      compared.reviewDir,
      '--project',
      compared.demo.projectFile,
      '--path',
      '**',
      '--accept',
      'checked from the command line',
      '--passphrase-file',
      passphraseFile,
    ]);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/accepted\s+by Alice \([0-9A-F ]+\): signature valid/);
    const wrong = await writeFile(passphraseFile, 'not it\n').then(() =>
      countersignAs(reviewers.alice, [
        'review',
        '--review',
        compared.reviewDir,
        '--path',
        '**',
        '--accept',
        'again',
        '--passphrase-file',
        passphraseFile,
      ]),
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('The passphrase does not unlock the reviewer key');
  });

  it('signs with SHA-256 for both GnuPG keys, RSA 3072 and Ed25519', async () => {
    const entries = (await readFile(join(compared.reviewDir, 'audit.jsonl'), 'utf8'))
      .split('\n')
      .filter((line) => line.includes('"signed"'))
      .map((line) => JSON.parse(line) as { data: { signed: SignedDecision } });
    for (const reviewer of [reviewers.alice, reviewers.bob]) {
      const signed = entries.find((entry) => entry.data.signed.reviewer === reviewer.fingerprint);
      const signature = await openpgp.readSignature({
        binarySignature: new Uint8Array(Buffer.from(signed!.data.signed.signature, 'base64')),
      });
      const packet = signature.packets.filterByTag(openpgp.enums.packet.signature)[0];
      expect((packet as openpgp.SignaturePacket).hashAlgorithm).toBe(openpgp.enums.hash.sha256);
    }
  });

  it('needs identicalThreshold signed approvals of an identical package', async () => {
    await setPolicy([pin(reviewers.alice), pin(reviewers.bob)], 2, 1);
    const hello = async () =>
      (await compared.core.api['promote:plan']({ tag: TAG })).approvals?.find((one) =>
        one.artifact.startsWith('countersign-hello_'),
      );
    expect(await hello()).toMatchObject({ needed: 1, missing: 1 });
    await importReviewerKey(reviewers.alice.secretKey, null); // in this home, where the review is
    const key = (await compared.core.api['promote:plan']({ tag: TAG })).candidates.find(
      (one) => one.package === 'countersign-hello',
    )!.key;
    const approved = await compared.core.api['review:approveArtifact']({
      tag: TAG,
      key,
      comment: 'identical to the rebuild, and the source read',
      passphrase: reviewers.alice.passphrase,
    });
    expect(approved.decision).toMatchObject({ reviewer: 'Alice', signature: 'valid' });
    expect(approved.approvals).toMatchObject({ needed: 1, missing: 0 });
    expect(await hello()).toMatchObject({ missing: 0 });
  });

  it('reports a statement edited in the log as invalid, and the chain names the edit', async () => {
    const log = join(compared.reviewDir, 'audit.jsonl');
    const lines = (await readFile(log, 'utf8')).split('\n');
    const index = lines.findIndex(
      (line) => line.includes('"signed"') && line.includes(reviewers.bob.fingerprint),
    );
    expect(index).toBeGreaterThan(0);
    lines[index] = lines[index]!.replaceAll('"comment":"build date only"', '"comment":"anything"');
    await writeFile(log, lines.join('\n'));
    const chain = await checkAuditChain(compared.reviewDir);
    expect(chain).toMatchObject({ intact: false, kind: 'edited' });
    const history = await auditHistory(compared.reviewDir);
    const edited = history.items.find((item) => item.line === index + 1);
    expect(edited?.summary).toMatch(/signature INVALID$/);
    expect(edited?.trusted).toBe(false);
    const code = await compared.core.api['promote:plan']({ tag: TAG }).then(
      (plan) =>
        plan.candidates
          .find((one) => one.package === DOC)
          ?.refusals.map((r) => r.code)
          .join(','),
      (failure: unknown) => toAppError(failure).code,
    );
    expect(code).toContain('AUDIT_LOG_BROKEN');
  });
});
