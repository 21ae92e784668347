import { spawnSync } from 'node:child_process';
import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAppError } from '../../../shared/errors';
import { validateRequest } from '../../../shared/validate';
import { promotedDemo, type PromotedDemo } from '../verify/testing/promotedDemo';
import { AptContainer, updateIsClean } from '../publish/testing/aptContainer';
import { ensureBaseImage } from '../lib/docker/baseImage';
import { checkAuditChain, readAuditEntries } from '../audit/auditLog';
import { verifyAuditHead } from '../audit/auditHead';
import { readPublications } from '../publish/index';
import { verifyRepository } from '../verify/index';

// The demo release promoted (both packages in apt-prod); then a reviewer
// blocks the doc package, and the release manager withdraws it.

const TAG = 'v1.0.0';
const DOC = 'countersign-hello-doc';
const REASON = 'A reviewer found a blocking difference in the manual after it was published.';
let promoted: PromotedDemo;
let demo: PromotedDemo['demo'];
let core: PromotedDemo['core'];
let reviewDir: string;
/** The release key's public half as a binary keyring, for gpgv and apt. */
let keyring: string;
/** The publication the promotion made, which served the doc package. */
let servedIt: string;

const countersign = (args: string[]) => promoted.countersign(args);

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return toAppError(error).code;
  }
  throw new Error('expected a refusal');
}

const currentId = async () => (await readPublications(demo.aptProd)).current?.id;

/** Every Packages index apt-prod's suite serves, as text. */
async function packagesTexts(): Promise<string> {
  const suite = join(demo.aptProd, 'dists', 'stable');
  const files = (await readdir(suite, { recursive: true })).filter(
    (path) => path.endsWith('/Packages') && !path.includes('by-hash'),
  );
  expect(files.length).toBeGreaterThan(0);
  return (await Promise.all(files.map((path) => readFile(join(suite, path), 'utf8')))).join('\n');
}

beforeAll(async () => {
  promoted = await promotedDemo(TAG, 'withdraw');
  ({ demo, core, reviewDir } = promoted);
  keyring = join(demo.dir, 'release-public.gpg');
  await writeFile(keyring, promoted.releasePublicKey.write());
  servedIt = (await currentId()) ?? '';
}, 900_000);

afterAll(() => promoted.remove());

describe('a package blocked after it was published', () => {
  it('is kept by a promotion: the gate refuses it, yet apt-prod goes on serving it', async () => {
    const doc = (await core.api['promote:plan']({ tag: TAG })).candidates.find(
      (candidate) => candidate.package === DOC,
    );
    await core.api['review:decide']({
      tag: TAG,
      key: doc!.key,
      decision: 'blocking',
      comment: 'the manual tells users to disable signature checks',
      rule: { by: 'path', pattern: '**' },
    });
    const plan = await core.api['promote:plan']({ tag: TAG });
    expect(
      plan.candidates.find((candidate) => candidate.package === DOC)?.refusals.map((r) => r.code),
    ).toEqual(['NOT_APPROVED']);
    expect(plan.kept.map((pkg) => pkg.package)).toEqual([DOC]);
  });

  it('refuses a package apt-prod does not serve, and a missing reason, before touching apt-prod', async () => {
    const request = { tag: TAG, reason: REASON, passphrase: demo.releaseKey.passphrase };
    expect(
      await failure(
        core.api['promote:withdraw']({ ...request, package: 'countersign-hello-nope' }),
      ),
    ).toBe('PACKAGE_NOT_FOUND');
    for (const reason of ['', '   \n', 'x'.repeat(2001)]) {
      expect(
        await failure(core.api['promote:withdraw']({ ...request, package: DOC, reason })),
      ).toBe('INVALID_REQUEST');
      // Every transport refuses it too, before the engine sees it.
      expect(() =>
        validateRequest('promote:withdraw', { ...request, package: DOC, reason }),
      ).toThrow(/reason/);
    }
    expect(await currentId()).toBe(servedIt);
    expect((await readAuditEntries(reviewDir)).map((entry) => entry.kind)).not.toContain(
      'withdrawal',
    );
  });

  it('refuses a wrong passphrase, on the record without the passphrase, and leaves apt-prod as it was', async () => {
    const code = await failure(
      core.api['promote:withdraw']({
        tag: TAG,
        package: DOC,
        reason: REASON,
        passphrase: 'not the passphrase',
      }),
    );
    expect(code).toBe('WRONG_PASSPHRASE');
    expect(await currentId()).toBe(servedIt);
    const refused = (await readAuditEntries(reviewDir)).filter(
      (entry) => entry.kind === 'signing-refused',
    );
    expect(refused.at(-1)?.data).toMatchObject({
      tag: TAG,
      withdraw: DOC,
      key: demo.releaseKey.fingerprint,
    });
    expect(JSON.stringify(refused)).not.toContain('not the passphrase');
  });

  describe('withdrawn', () => {
    let publication: string;
    let signedBy: string;

    beforeAll(async () => {
      const result = await core.api['promote:withdraw']({
        tag: TAG,
        package: DOC,
        reason: REASON,
        passphrase: demo.releaseKey.passphrase,
      });
      expect(result.previous?.id).toBe(servedIt);
      const { signer } = await core.api['promote:plan']({ tag: TAG });
      expect(result.signedBy).toBe(signer?.signingKey.fingerprint);
      expect(result.withdrawn.map((pkg) => [pkg.package, pkg.version, pkg.architecture])).toEqual([
        [DOC, '1.0.0', 'all'],
      ]);
      publication = result.publication.id;
      signedBy = result.signedBy;
    }, 300_000);

    it('is a new publication, signed by the release key, whose indexes no longer list it', async () => {
      expect(publication).not.toBe(servedIt);
      expect(await currentId()).toBe(publication);
      const dists = join(demo.aptProd, 'dists', 'stable');
      const gpgv = (args: string[]) =>
        spawnSync('gpgv', ['--keyring', keyring, ...args], { encoding: 'utf8' });
      expect(gpgv([join(dists, 'InRelease')]).status).toBe(0);
      expect(gpgv([join(dists, 'Release.gpg'), join(dists, 'Release')]).status).toBe(0);
      const packages = await packagesTexts();
      expect(packages).not.toContain(`Package: ${DOC}\n`);
      expect(packages).toContain('Package: countersign-hello\n');
    });

    it('is in the audit log with its reason, the chain intact and its head signed again', async () => {
      const entries = await readAuditEntries(reviewDir);
      const withdrawal = entries.find((entry) => entry.kind === 'withdrawal');
      expect(withdrawal?.data).toMatchObject({
        tag: TAG,
        to: demo.aptProd,
        package: DOC,
        versions: ['1.0.0'],
        architectures: ['all'],
        reason: REASON,
        publication,
        previous: servedIt,
        signedBy,
      });
      expect(JSON.stringify(entries)).not.toContain(demo.releaseKey.passphrase);
      expect((await checkAuditChain(reviewDir)).intact).toBe(true);
      expect(await verifyAuditHead(reviewDir, [promoted.releasePublicKey])).toMatchObject({
        signed: true,
        appendedAfter: 0,
      });
      const audit = countersign([
        'audit',
        '--review',
        reviewDir,
        '--keyring',
        demo.releaseKey.publicKeyFile,
      ]);
      expect(audit.code, audit.stderr).toBe(0);
      expect(audit.stdout).toContain(`withdrew ${DOC} 1.0.0`);
    });

    it('is neither kept by the next plan nor a failure of the attestations QA checks', async () => {
      const plan = await core.api['promote:plan']({ tag: TAG });
      expect(plan.kept.map((pkg) => pkg.package)).not.toContain(DOC);
      const qa = await verifyRepository({
        root: demo.aptProd,
        keys: [promoted.releasePublicKey],
        reviewDir,
      });
      expect(qa.attestations?.problems).toEqual([]);
      expect(qa.attestations?.status).toBe('verified');
      const checked = qa.suites.flatMap((suite) => suite.packages);
      expect(checked.map((pkg) => [pkg.package, pkg.status])).toEqual([
        ['countersign-hello', 'verified'],
      ]);
      // The withdrawn .deb and the earlier indexes' by-hash copies stay for rollback: expected, not extra.
      expect(qa.extraFiles).toEqual([]);
      expect(qa.status).toBe('verified');
    });

    it('is no longer offered by apt in a Debian container after apt-get update', async () => {
      await chmod(demo.dir, 0o755); // apt's _apt user reads the mounted tree
      const image = await ensureBaseImage(
        { kind: 'bootstrap', suite: 'bookworm', packages: ['debhelper'] },
        () => {},
      );
      const container = await AptContainer.start(image.reference, {
        host: demo.dir,
        container: '/srv/demo',
      });
      try {
        const update = await container.update(
          [{ path: '/srv/demo/apt-prod', suite: 'stable', components: ['main'] }],
          '/srv/demo/release-public.gpg',
        );
        expect(updateIsClean(update), update.output).toBe(true);
        expect(await container.candidate(DOC)).toBe('(none)');
        expect(await container.candidate('countersign-hello')).toBe('1.0.0');
        const install = await container.run(`apt-get install -y ${DOC} 2>&1`);
        expect(install.code).not.toBe(0);
      } finally {
        await container.remove();
      }
    }, 600_000);

    it('is served again by a rollback, which returns to the publication that served it', async () => {
      const rolled = await core.api['promote:rollback']({ tag: TAG });
      expect(rolled).toMatchObject({ from: { id: publication }, to: { id: servedIt } });
      expect(await packagesTexts()).toContain(`Package: ${DOC}\n`);
    });
  });

  it('is withdrawn from the command line: exit 0, and 1 or 2 when refused', async () => {
    const wrong = join(demo.dir, 'wrong.passphrase');
    await writeFile(wrong, 'not the passphrase\n', { mode: 0o600 });
    const byProject = ['promote', '--project', demo.projectFile, '--tag', TAG];
    const passphrase = ['--passphrase-file', demo.releaseKey.passphraseFile];
    const before = await currentId();

    const unknown = countersign([
      ...byProject,
      '--withdraw',
      'countersign-hello-nope',
      '--reason',
      REASON,
      ...passphrase,
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('apt-prod does not serve "countersign-hello-nope"');
    const noReason = countersign([...byProject, '--withdraw', DOC, ...passphrase]);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--reason');
    const emptyReason = countersign([
      ...byProject,
      '--withdraw',
      DOC,
      '--reason',
      ' ',
      ...passphrase,
    ]);
    expect(emptyReason.code).toBe(2);
    const refused = countersign([
      ...byProject,
      '--withdraw',
      DOC,
      '--reason',
      REASON,
      '--passphrase-file',
      wrong,
    ]);
    expect(refused.code).toBe(1);
    expect(await currentId()).toBe(before);

    // The explicit form, as a script without the project has it.
    const done = countersign([
      'promote',
      '--withdraw',
      DOC,
      '--reason',
      REASON,
      '--review',
      reviewDir,
      '--to',
      demo.aptProd,
      '--key',
      join(demo.dir, demo.releaseKey.file),
      ...passphrase,
      '--json',
    ]);
    expect(done.code, done.stderr).toBe(0);
    const { result } = JSON.parse(done.stdout) as {
      result: { publication: { id: string }; previous: { id: string } | null };
    };
    expect(result.previous?.id).toBe(before);
    expect(await currentId()).toBe(result.publication.id);
    expect(await packagesTexts()).not.toContain(`Package: ${DOC}\n`);
    const withdrawals = (await readAuditEntries(reviewDir)).filter(
      (entry) => entry.kind === 'withdrawal',
    );
    expect(withdrawals).toHaveLength(2);
  });
});
