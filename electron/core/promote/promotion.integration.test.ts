import { spawnSync } from 'node:child_process';
import {
  chmod,
  copyFile,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectConfig } from '../../../shared/project';
import type { PromotionPlan } from '../../../shared/promote';
import { toAppError } from '../../../shared/errors';
import { comparedDemo, QUIET, type ComparedDemo } from '../../testing/comparedDemo';
import {
  buildDeb,
  repositoryKey,
  signRelease,
  writeRepository,
} from '../lib/apt/testing/aptRepositoryFactory';
import { AptContainer, updateIsClean } from '../publish/testing/aptContainer';
import { ensureBaseImage } from '../lib/docker/baseImage';
import type { CountersignCore } from '../countersignCore';
import { GnupgHome } from '../lib/gpg/gnupgHome';
import type { LoadedProject } from '../lib/project/projectStore';
import { readAuditEntries } from '../audit/auditLog';
import { verifyAuditHead } from '../audit/auditHead';
import { verifyRepository } from '../verify/index';
import { preparePromotion } from './planPromotion';
import { projectPromotionSources } from './projectPromotion';

// The demo release, rebuilt and compared once; then gated, signed and
// published into its apt-prod with the demo's encrypted release key.

const TAG = 'v1.0.0';
const quiet = QUIET;
let compared: ComparedDemo;
let demo: ComparedDemo['demo'];
let project: LoadedProject;
let reviewDir: string;
let core: CountersignCore;

const countersign = (args: string[]) => compared.countersign(args);

const refusalsOf = (plan: PromotionPlan, name: string) =>
  plan.candidates.find((candidate) => candidate.package === name)?.refusals.map((r) => r.code);

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return toAppError(error).code;
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  compared = await comparedDemo(TAG, 'promote');
  ({ demo, project, reviewDir, core } = compared);
}, 900_000);

afterAll(() => compared.remove());

describe('the promotion gate on the demo release', () => {
  it('refuses the differing package before review and what only CI built, and passes the identical one', async () => {
    const plan = await core.api['promote:plan']({ tag: TAG });
    expect(plan.tagGate.verified).toBe(true);
    expect(refusalsOf(plan, 'countersign-hello')).toEqual([]);
    expect(refusalsOf(plan, 'countersign-hello-doc')).toEqual(['NOT_APPROVED']);
    expect(refusalsOf(plan, 'countersign-hello-telemetry')).toEqual(['NOT_REBUILT']);
    expect(plan.signer?.fingerprint).toBe(demo.releaseKey.fingerprint);
  });

  it('refuses, when asked for by name, a package whose review is unfinished, and says which condition fails', async () => {
    const plan = await core.api['promote:plan']({ tag: TAG, packages: ['countersign-hello-doc'] });
    expect(plan.canPromote).toBe(false);
    expect(plan.blockers.join('\n')).toMatch(/countersign-hello-doc 1\.0\.0: .*review/);
    const cli = countersign([
      'promote',
      '--project',
      demo.projectFile,
      '--tag',
      TAG,
      '--packages',
      'countersign-hello-doc',
      '--dry-run',
    ]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain('NOT_APPROVED');
  });

  it('refuses every package when the tag no longer verifies', async () => {
    const sources = await projectPromotionSources({ ...project, trustedKeys: [] }, TAG);
    const { plan } = await preparePromotion(sources, { tag: TAG }, quiet);
    expect(plan.tagGate.verified).toBe(false);
    expect(refusalsOf(plan, 'countersign-hello')).toContain('TAG_NOT_VERIFIED');
    expect(plan.canPromote).toBe(false);
  });

  it('refuses a package whose apt-test bytes are not the ones compared and reviewed', async () => {
    // apt-test republished: the same name and version, other bytes, signed by a key the project trusts.
    const work = await mkdtemp(join(tmpdir(), 'cs-promote-swap-'));
    const gpg = await GnupgHome.create();
    try {
      const key = await repositoryKey(gpg, 'Republishing CI <ci@example.org>');
      const deb = await buildDeb(work, {
        name: 'countersign-hello',
        version: '1.0.0',
        architecture: 'all',
      });
      const root = join(work, 'apt-test');
      await writeRepository(root, [deb], {
        suite: 'stable',
        codename: 'stable',
        component: 'main',
        architectures: ['all'],
        indexer: 'countersign',
      });
      await signRelease(root, 'stable', gpg, [key.fingerprint]);
      const sources = await projectPromotionSources(project, TAG);
      const swapped = { ...sources, aptTest: { ...sources.aptTest, root, keys: key.publicKeys } };
      const { plan } = await preparePromotion(swapped, { tag: TAG }, quiet);
      expect(refusalsOf(plan, 'countersign-hello')).toEqual(['HASH_CHANGED_SINCE_REVIEW']);
      expect(refusalsOf(plan, 'countersign-hello-doc')).toContain('NOT_IN_APT_TEST');
    } finally {
      await gpg.dispose();
      await rm(work, { recursive: true, force: true });
    }
  });
});

describe('promoting the approved demo release', () => {
  let plan: PromotionPlan;

  beforeAll(async () => {
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
    plan = await core.api['promote:plan']({ tag: TAG });
  }, 300_000);

  it('plans the identical and the approved package, with the review behind each and the new Release', () => {
    expect(plan.canPromote).toBe(true);
    expect(plan.changes.map((change) => [change.action, change.package]).sort()).toEqual([
      ['add', 'countersign-hello'],
      ['add', 'countersign-hello-doc'],
    ]);
    expect(
      plan.changes.find((change) => change.package === 'countersign-hello-doc')?.evidence,
    ).toMatch(/accepted by/);
    expect(plan.release?.suite).toBe('stable');
    expect(plan.release?.files.some((file) => file.path.endsWith('Packages.xz'))).toBe(true);
  });

  it('refuses a wrong passphrase before touching apt-prod', async () => {
    const code = await failure(
      core.api['promote:run']({
        tag: TAG,
        passphrase: 'not the passphrase',
        planDigest: plan.planDigest,
      }),
    );
    expect(code).toBe('WRONG_PASSPHRASE');
    expect(await readdir(demo.aptProd)).toEqual([]);
    // The failed attempt is on the record, without the passphrase tried.
    const refused = (await readAuditEntries(reviewDir)).filter(
      (entry) => entry.kind === 'signing-refused',
    );
    expect(refused).toHaveLength(1);
    expect(refused[0]?.data).toMatchObject({ tag: TAG, key: demo.releaseKey.fingerprint });
    expect(JSON.stringify(refused[0])).not.toContain('not the passphrase');
  });

  it('refuses a plan that is not the current one', async () => {
    const code = await failure(
      core.api['promote:run']({
        tag: TAG,
        passphrase: demo.releaseKey.passphrase,
        planDigest: '0'.repeat(64),
      }),
    );
    expect(code).toBe('PLAN_CHANGED');
  });

  it('publishes, signed by the release key, so gpgv accepts InRelease and Release.gpg', async () => {
    const result = await core.api['promote:run']({
      tag: TAG,
      passphrase: demo.releaseKey.passphrase,
      planDigest: plan.planDigest,
    });
    expect(result.signedBy).toBe(plan.signer?.signingKey.fingerprint);
    const dists = join(demo.aptProd, 'dists', 'stable');
    // gpgv reads a binary keyring: the release key's public half, as openpgp.js writes it.
    const keyring = join(demo.dir, 'release-public.gpg');
    const armoredKey = await readFile(join(demo.dir, demo.releaseKey.file), 'utf8');
    await writeFile(keyring, (await openpgp.readPrivateKey({ armoredKey })).toPublic().write());
    const gpgv = (args: string[]) =>
      spawnSync('gpgv', ['--keyring', keyring, ...args], { encoding: 'utf8' });
    expect(gpgv([join(dists, 'InRelease')]).status).toBe(0);
    expect(gpgv([join(dists, 'Release.gpg'), join(dists, 'Release')]).status).toBe(0);
    const entries = await readAuditEntries(reviewDir);
    const promotion = entries.find((entry) => entry.kind === 'promotion');
    expect(promotion?.data.publication).toBe(result.publication.id);
    expect(JSON.stringify(entries)).not.toContain(demo.releaseKey.passphrase);
    // The log's head, promotion included, is signed by the release key.
    const head = await verifyAuditHead(reviewDir, [
      (await openpgp.readPrivateKey({ armoredKey })).toPublic(),
    ]);
    expect(head).toMatchObject({ signed: true, appendedAfter: 0 });
    const audit = countersign([
      'audit',
      '--review',
      reviewDir,
      '--keyring',
      demo.releaseKey.publicKeyFile,
    ]);
    expect(audit.code, audit.stderr).toBe(0);

    // The attestations are published beside apt-prod and verify with the release key alone.
    expect(result.attestations.sort()).toEqual(
      [
        'countersign-hello-doc_1.0.0_all.deb.intoto.json',
        'countersign-hello_1.0.0_all.deb.intoto.json',
        'vsa.intoto.json',
      ].map((file) => `attestations/${TAG}/${file}`),
    );
    for (const file of result.attestations) {
      const verified = countersign([
        'attest',
        'verify',
        join(demo.aptProd, file),
        '--keyring',
        demo.releaseKey.publicKeyFile,
      ]);
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    }
    expect(entries.map((entry) => entry.kind)).toContain('attestations-exported');
  });

  it('is accepted by apt in a Debian container, which installs both promoted packages', async () => {
    const image = await ensureBaseImage(
      { kind: 'bootstrap', suite: 'bookworm', packages: ['debhelper'] },
      () => {},
    );
    await chmod(demo.dir, 0o755); // apt's _apt user reads the mounted tree
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
      const install = await container.run(
        'apt-get install -y --no-install-recommends countersign-hello countersign-hello-doc 2>&1',
      );
      expect(install.code, install.stdout).toBe(0);
      expect(await container.mustRun("dpkg-query -W -f '${Version}' countersign-hello-doc")).toBe(
        '1.0.0',
      );
    } finally {
      await container.remove();
    }
  });

  it('has nothing left to publish afterwards, and the CLI says so with exit 1', async () => {
    const again = await core.api['promote:plan']({ tag: TAG });
    expect(again.canPromote).toBe(false);
    expect(again.changes.every((change) => change.action === 'unchanged')).toBe(true);
    const cli = countersign([
      'promote',
      '--review',
      reviewDir,
      '--from',
      join(demo.dir, 'apt-test'),
      '--to',
      demo.aptProd,
      '--key',
      join(demo.dir, demo.releaseKey.file),
      '--apt-key',
      join(demo.dir, 'keys', 'ci.asc'),
      '--passphrase-file',
      demo.releaseKey.passphraseFile,
    ]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('Nothing was promoted');
  });

  it('has no earlier publication to roll back to after the first, and says so', async () => {
    expect(await failure(core.api['promote:rollback']({ tag: TAG }))).toBe('NOTHING_TO_ROLL_BACK');
    const cli = countersign(['promote', '--rollback', '--project', demo.projectFile, '--tag', TAG]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('no earlier publication');
  });

  it('asks for the passphrase from a file or descriptor, never the command line', () => {
    const cli = countersign([
      'promote',
      '--project',
      demo.projectFile,
      '--tag',
      TAG,
      '--passphrase',
      'x',
    ]);
    expect(cli.code).toBe(2);
    const missing = countersign(['promote', '--project', demo.projectFile, '--tag', TAG]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--passphrase-file');
  });
});

describe("CI's other files, when CI's artifacts come from a folder and packages from apt-test", () => {
  it('signs the files CI and the rebuild agree on beside apt-prod, and refuses the package apt-test serves otherwise', async () => {
    // CI's folder holds exactly what the rebuild made: packages, .buildinfo and .changes.
    const ciFolder = join(demo.dir, 'ci-folder');
    const artifacts = join(reviewDir, 'rebuild', 'artifacts');
    await mkdir(ciFolder);
    for (const name of await readdir(artifacts)) {
      await copyFile(join(artifacts, name), join(ciFolder, name));
    }
    const config = JSON.parse(await readFile(demo.projectFile, 'utf8')) as ProjectConfig;
    await writeFile(
      demo.projectFile,
      JSON.stringify({
        ...config,
        ci: { source: 'ci-folder', repositoryKeys: [] },
        aptTest: config.ci,
      }),
    );
    const comparison = await core.api['compare:run']({ tag: TAG });
    expect(comparison.identical).toBe(true);

    const plan = await core.api['promote:plan']({ tag: TAG });
    // The rebuild's doc package is not the one apt-test serves (CI's build clock).
    expect(refusalsOf(plan, 'countersign-hello-doc')).toEqual(['HASH_CHANGED_SINCE_REVIEW']);
    expect(refusalsOf(plan, 'countersign-hello')).toEqual([]);
    const detached = plan.detached.map((artifact) => artifact.name).sort();
    expect(detached.some((name) => name.endsWith('.buildinfo'))).toBe(true);
    expect(detached.some((name) => name.endsWith('.changes'))).toBe(true);
    expect(plan.canPromote, plan.blockers.join('\n')).toBe(true);

    const result = await core.api['promote:run']({
      tag: TAG,
      passphrase: demo.releaseKey.passphrase,
      planDigest: plan.planDigest,
    });
    expect(result.detachedFiles).toContain(`releases/${TAG}/SHA256SUMS.asc`);
    const folder = join(demo.aptProd, 'releases', TAG);
    const keyring = join(demo.dir, 'release-public.gpg');
    const verified = (signature: string, file: string) =>
      spawnSync('gpgv', ['--keyring', keyring, join(folder, signature), join(folder, file)]).status;
    expect(verified('SHA256SUMS.asc', 'SHA256SUMS')).toBe(0);
    for (const name of detached) expect(verified(`${name}.asc`, name)).toBe(0);
    expect(spawnSync('sha256sum', ['--strict', '-c', 'SHA256SUMS'], { cwd: folder }).status).toBe(
      0,
    );

    // Each signed file is attested too, with the bytes that were compared.
    const out = join(demo.dir, 'attestations-files');
    const exported = countersign([
      'attest',
      'export',
      '--review',
      reviewDir,
      '--key',
      join(demo.dir, demo.releaseKey.file),
      '--passphrase-file',
      demo.releaseKey.passphraseFile,
      '--out',
      out,
    ]);
    expect(exported.code, exported.stderr).toBe(0);
    const written = (await readdir(out)).sort();
    for (const name of detached) expect(written).toContain(`${name}.intoto.json`);
    for (const name of written) {
      const verified = countersign([
        'attest',
        'verify',
        join(out, name),
        '--keyring',
        demo.releaseKey.publicKeyFile,
      ]);
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    }

    // QA's verify-repo holds the published attestations to the signed files beside apt-prod.
    const armoredKey = await readFile(join(demo.dir, demo.releaseKey.file), 'utf8');
    const keys = [(await openpgp.readPrivateKey({ armoredKey })).toPublic()];
    const qa = await verifyRepository({ root: demo.aptProd, keys, reviewDir });
    expect(qa.attestations?.problems).toEqual([]);
    expect(qa.attestations?.status).toBe('verified');
    const buildinfo = detached.find((name) => name.endsWith('.buildinfo'))!;
    expect(qa.attestations?.files.map((file) => file.file)).toContain(
      `attestations/${TAG}/${buildinfo}.intoto.json`,
    );
    await writeFile(join(folder, buildinfo), 'not what was attested\n');
    const tampered = await verifyRepository({ root: demo.aptProd, keys, reviewDir });
    expect(tampered.status).toBe('failed');
    expect(tampered.attestations?.problems.join('\n')).toContain(
      `"releases/${TAG}/${buildinfo}" is not the file that was attested`,
    );
  });
});
