import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectConfig } from '../../../shared/project';
import type { RepositoryVerification } from '../../../shared/verify';
import { rebuilderPolicySchema, type RebuilderPolicy } from '../../../shared/rebuilders';
import { runAptInContainer, type AptRun } from '../../testing/aptInContainer';
import { comparedDemo, QUIET, type ComparedDemo } from '../../testing/comparedDemo';
import { startRemoteDockerHost, type RemoteDockerHost } from '../../testing/remoteDockerHost';
import { startStaticServer } from '../../testing/staticHttpServer';
import { reviewerSigner } from '../approve/index';
import { GnupgHome } from '../lib/gpg/gnupgHome';
import { buildLink, metablockText } from '../lib/intoto/index';
import { readReleaseKey } from '../lib/openpgp/readReleaseKey';
import { withUnlockedKey } from '../lib/openpgp/unlockReleaseKey';
import { loadProject } from '../lib/project/projectStore';
import { readReviewerKey, withUnlockedReviewerKey } from '../lib/reviewers/index';
import { makeReviewer, type TestReviewer } from '../lib/reviewers/testing/testReviewers';
import { reviewFolderVerdicts } from '../review/index';
import { buildRebuildLayout, layoutRebuilders, publishedTree, type AptClientConfig } from './index';
import { signRebuildLayout } from './rebuildLayout';

// Debian's apt, with apt-transport-in-toto and exactly the configuration
// `countersign apt-config` prints, installs the demo's packages from apt-prod
// served over HTTP on 127.0.0.1, in a bookworm container bootstrapped from
// Debian's packages: only those the rebuilders vouch for, never a package
// whose bytes or links were tampered with or whose layout expired. The
// demo's versions carry an epoch (1:1.0.0), so every install is of one.
// The second rebuilder rebuilds on a second Docker engine behind ssh://.

const TAG = 'v1.0.0';
const HELLO = 'countersign-hello';
const DOC = 'countersign-hello-doc';
const EPOCH = 1;
const OUTPUTS = process.env.COUNTERSIGN_APT_TRANSCRIPT;

let compared: ComparedDemo;
let gpg: GnupgHome;
let server: Awaited<ReturnType<typeof startStaticServer>>;
let rebuilderA: TestReviewer;
let rebuilderB: TestReviewer;
let stranger: TestReviewer;
let work: string;
const transcript: string[] = [];

const cli = () => join(import.meta.dirname, '..', '..', '..', 'bin', 'countersign.js');

/** The built CLI, run in `home` with `env` added; resolves with its exit code and output. */
function countersign(
  home: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [cli(), ...args], {
      env: { ...process.env, COUNTERSIGN_HOME: home, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

async function passphraseFile(reviewer: TestReviewer): Promise<string> {
  const file = join(reviewer.home, 'passphrase');
  await writeFile(file, `${reviewer.passphrase}\n`, { mode: 0o600 });
  return file;
}

async function editProject(edit: (config: ProjectConfig) => ProjectConfig): Promise<void> {
  const file = compared.demo.projectFile;
  const config = JSON.parse(await readFile(file, 'utf8')) as ProjectConfig;
  await writeFile(file, `${JSON.stringify(edit(config), null, 2)}\n`);
}

const policyOf = (threshold: number): RebuilderPolicy =>
  rebuilderPolicySchema.parse({
    rebuilders: [rebuilderA, rebuilderB].map((one) => ({
      name: one.name,
      fingerprint: one.fingerprint,
      publicKey: one.publicKey,
    })),
    threshold,
  });

/** Plans and runs a promotion of TAG with the release key (again: the layout is re-signed each time). */
async function promote(): Promise<void> {
  const { core } = compared;
  const plan = await core.api['promote:plan']({ tag: TAG });
  await core.api['promote:run']({
    tag: TAG,
    passphrase: compared.demo.releaseKey.passphrase,
    planDigest: plan.planDigest,
  });
}

/** `countersign rebuilder publish`: the links and a freshly signed layout, apt-prod's packages untouched. */
async function publishAgain(): Promise<void> {
  const file = join(work, 'release-passphrase');
  await writeFile(file, `${compared.demo.releaseKey.passphrase}\n`, { mode: 0o600 });
  const published = await countersign(compared.home, [
    'rebuilder',
    'publish',
    '--project',
    compared.demo.projectFile,
    '--tag',
    TAG,
    '--passphrase-file',
    file,
  ]);
  transcript.push(
    '## countersign rebuilder publish',
    '```',
    published.stdout.trim(),
    published.stderr.trim(),
    '```',
    '',
  );
  expect(published.code, published.stderr).toBe(0);
}

/** What `countersign apt-config --json` prints: the configuration the user installs. */
async function clientConfig(): Promise<AptClientConfig> {
  const printed = await countersign(compared.home, [
    'apt-config',
    '--project',
    compared.demo.projectFile,
    '--json',
  ]);
  expect(printed.stderr).toBe('');
  return JSON.parse(printed.stdout) as AptClientConfig;
}

/** apt-get update and install in a fresh container configured exactly as apt-config says. */
async function aptInstall(
  title: string,
  packages: string[],
  config: AptClientConfig,
  replace: Record<string, string> = {},
): Promise<AptRun> {
  // Typed-in files are placed; served ones are fetched as printed, unless the test replaces them.
  const files: Record<string, string> = {};
  for (const file of config.files) {
    const replacement = replace[file.path];
    if (replacement !== undefined || !file.url) files[file.path] = replacement ?? file.content;
  }
  const downloads = config.downloads.filter(
    (command) => !Object.keys(replace).some((path) => command.endsWith(` ${path}`)),
  );
  const run = await runAptInContainer(
    { files },
    [
      'set -e',
      ...downloads,
      ...config.commands,
      'apt-get update -q',
      `apt-get install -y -q --no-install-recommends ${packages.join(' ')}`,
    ].join('\n'),
  );
  transcript.push(`## ${title} (exit ${run.code})`, '```', run.output.trim(), '```', '');
  return run;
}

/** The published link of HELLO by rebuilder A: its path in apt-prod. */
const helloLinkPath = () =>
  join(
    publishedTree(compared.demo.aptProd, rebuilderA.fingerprint),
    'sources',
    HELLO,
    `${EPOCH}:1.0.0`,
    'metadata',
  );

/** Runs `fn` with a file of apt-prod replaced, putting it back afterwards. */
async function withReplaced<T>(file: string, bytes: Buffer | string, fn: () => Promise<T>) {
  const original = await readFile(file);
  await writeFile(file, bytes);
  try {
    return await fn();
  } finally {
    await writeFile(file, original);
  }
}

beforeAll(async () => {
  compared = await comparedDemo(TAG, 'apt-intoto', { epoch: EPOCH });
  gpg = await GnupgHome.create();
  work = await mkdtemp(join(tmpdir(), 'cs-apt-intoto-'));
  rebuilderA = await makeReviewer(gpg, 'Rebuilder A', 'ed25519', 'cs-rebuilder');
  rebuilderB = await makeReviewer(gpg, 'Rebuilder B', 'rsa3072', 'cs-rebuilder');
  stranger = await makeReviewer(gpg, 'Mallory', 'ed25519', 'cs-rebuilder');
  server = await startStaticServer(compared.demo.aptProd);
  await editProject((config) => ({
    ...config,
    aptProd: { ...config.aptProd!, url: server.url },
    rebuilders: policyOf(1),
  }));
  // The differing documentation package is reviewed and approved, so it is promoted: but no
  // rebuilder reproduced it, so it has no link, and apt must refuse it.
  await reviewFolderVerdicts(compared.reviewDir, {
    decide: {
      rule: { by: 'path', pattern: '**' },
      decision: 'accepted',
      comment: 'build date only',
    },
    report: QUIET,
    project: await loadProject(compared.demo.projectFile),
  });
  // Rebuilder A is the release manager's own machine, signing in the window (its channels):
  // a wrong passphrase first, then its key's; then the promotion.
  const { api } = compared.core;
  expect((await api['rebuilder:importKey']({ key: rebuilderA.secretKey })).fingerprint).toBe(
    rebuilderA.fingerprint,
  );
  await expect(api['rebuild:attest']({ tag: TAG, passphrase: 'not it' })).rejects.toMatchObject({
    code: 'WRONG_PASSPHRASE',
  });
  const attested = await api['rebuild:attest']({ tag: TAG, passphrase: rebuilderA.passphrase });
  expect(attested.links.map((link) => link.product)).toEqual([`${HELLO}_${EPOCH}%3a1.0.0_all.deb`]);
  expect(attested.left.map((left) => left.name)).toContain(`${DOC}_${EPOCH}%3a1.0.0_all.deb`);
  transcript.push(
    '## rebuild:attest (A, in the window)',
    '```',
    JSON.stringify(attested, null, 2),
    '```',
    '',
  );
  await promote();
}, 1_800_000);

async function writeKey(reviewer: TestReviewer): Promise<string> {
  const file = join(reviewer.home, 'secret-key.asc');
  await writeFile(file, reviewer.secretKey, { mode: 0o600 });
  return file;
}

afterAll(async () => {
  if (OUTPUTS) await writeFile(OUTPUTS, transcript.join('\n'));
  await server?.close();
  await compared?.remove();
  await gpg?.dispose();
  await rm(work, { recursive: true, force: true });
  for (const one of [rebuilderA, rebuilderB, stranger]) {
    if (one) await rm(one.home, { recursive: true, force: true });
  }
});

describe('apt with apt-transport-in-toto, configured as countersign apt-config prints', () => {
  let config: AptClientConfig;

  it('prints the intoto:// source, the APT::Intoto block without NoFail, the key and the layout', async () => {
    const printed = await countersign(compared.home, [
      'apt-config',
      '--project',
      compared.demo.projectFile,
    ]);
    expect(printed.stderr).toBe('');
    transcript.push('## countersign apt-config', '```', printed.stdout.trim(), '```', '');
    config = await clientConfig();
    expect(config.sourcesLine).toMatch(
      /^deb \[signed-by=\/etc\/apt\/keyrings\/countersign-.+\.asc\] intoto:\/\/127\.0\.0\.1:\d+\/ /,
    );
    expect(config.aptConf).toContain('APT::Intoto {');
    expect(config.aptConf).not.toMatch(/NoFail/i);
    expect(printed.stdout).toContain(config.sourcesLine);
    expect(printed.stdout).not.toMatch(/NoFail/i);
  });

  it('installs the package rebuilder A reproduced, whose version has an epoch', async () => {
    const run = await aptInstall('install countersign-hello (epoch 1:1.0.0)', [HELLO], config);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(
      /In-toto verification for .*countersign-hello_1%3a1\.0\.0_\w+\.deb' passed/,
    );
    expect(run.output).toMatch(/Setting up countersign-hello \(1:1\.0\.0\)/);
  });

  it('refuses a package no rebuilder vouches for (no link)', async () => {
    const run = await aptInstall('refuse countersign-hello-doc: no link', [DOC], config);
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(
      /In-toto verification for .*countersign-hello-doc_1%3a1\.0\.0_all\.deb' failed/,
    );
  });

  it('QA sees what apt would refuse: verify-repo names the package and the reason', async () => {
    const keyring = join(work, 'release-key.asc');
    await writeFile(
      keyring,
      await readFile(join(compared.demo.aptProd, 'in-toto', 'release-key.asc')),
    );
    const verified = await countersign(compared.home, [
      'verify-repo',
      '--repo',
      server.url,
      '--keyring',
      keyring,
      '--suite',
      config.sourcesLine.split(' ')[3] ?? '',
      '--json',
    ]);
    const result = JSON.parse(verified.stdout) as RepositoryVerification;
    const rebuilds = result.rebuilds;
    expect(rebuilds?.layoutProblems, verified.stdout.slice(0, 3000)).toEqual([]);
    const byName = new Map(rebuilds?.packages.map((pkg) => [pkg.package, pkg]));
    expect(byName.get(HELLO)).toMatchObject({
      status: 'verified',
      vouchedBy: [rebuilderA.fingerprint],
    });
    expect(byName.get(DOC)?.status).toBe('failed');
    expect(byName.get(DOC)?.problem).toMatch(/0 of the 1 rebuilders the layout asks for/);
    expect(result.status).toBe('failed');
    const text = await countersign(compared.home, [
      'verify-repo',
      '--repo',
      server.url,
      '--keyring',
      keyring,
      '--suite',
      config.sourcesLine.split(' ')[3] ?? '',
    ]);
    expect(text.stdout).toMatch(/✘ countersign-hello-doc 1:1\.0\.0 all: apt would refuse it/);
    transcript.push(
      '## countersign verify-repo (rebuild links)',
      '```',
      text.stdout
        .trim()
        .split('\n')
        .filter((line) => /rebuild|apt would|vouched/.test(line))
        .join('\n'),
      '```',
      '',
    );
  });

  it('refuses a .deb whose bytes were swapped after promotion', async () => {
    const pool = await poolFileOf(HELLO);
    const other = await readFile(await poolFileOf(DOC));
    const run = await withReplaced(pool, other, () =>
      aptInstall('refuse countersign-hello: bytes swapped in the pool', [HELLO], config),
    );
    expect(run.code).not.toBe(0);
    expect(run.output).not.toMatch(/Setting up countersign-hello /);
    // apt-transport-in-toto judges the download before apt compares it with the index.
    expect(run.output).toMatch(/failed, reason was: 'DISALLOW \*\.deb' matched/);
  });

  it('refuses a link signed by a key the layout does not name', async () => {
    const original = JSON.parse(await readFile(helloLinkPath(), 'utf8')) as {
      signed: { products: Record<string, { sha256: string }> };
    };
    const key = await readReviewerKey(stranger.secretKey, { role: 'rebuilder' });
    const forged = await withUnlockedReviewerKey(key, stranger.passphrase, async (unlocked) => {
      const link = buildLink({
        name: 'rebuild',
        products: Object.fromEntries(
          Object.entries(original.signed.products).map(([name, { sha256 }]) => [name, sha256]),
        ),
      });
      const signer = await reviewerSigner(unlocked.key, new Date());
      return metablockText({ signed: link, signatures: [await signer.sign(link)] });
    });
    const run = await withReplaced(helloLinkPath(), forged, () =>
      aptInstall(
        'refuse countersign-hello: link signed by a key the layout does not name',
        [HELLO],
        config,
      ),
    );
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(
      /failed, reason was: Step 'rebuild' requires '1' link metadata file\(s\), found '0'/,
    );
  });

  it('refuses an edited link', async () => {
    const text = await readFile(helloLinkPath(), 'utf8');
    const edited = text.replace(
      /"sha256": "([0-9a-f])/,
      (_, first: string) => `"sha256": "${first === '0' ? '1' : '0'}`,
    );
    expect(edited).not.toBe(text);
    const run = await withReplaced(helloLinkPath(), edited, () =>
      aptInstall('refuse countersign-hello: the link edited after signing', [HELLO], config),
    );
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(
      /requires at least '1' links validly signed by different authorized functionaries/,
    );
  });

  it('refuses everything under an expired layout', async () => {
    const project = await loadProject(compared.demo.projectFile);
    const keyFile = resolve(dirname(project.file), project.config.releaseKey!.file);
    const releaseKey = await readReleaseKey(await readFile(keyFile, 'utf8'));
    const expired = await withUnlockedKey(
      releaseKey,
      compared.demo.releaseKey.passphrase,
      async (unlocked) => {
        const layout = buildRebuildLayout({
          projectName: project.config.name,
          rebuilders: await layoutRebuilders(project.config.rebuilders!.rebuilders),
          threshold: 1,
          expires: new Date(Date.now() - 86_400_000),
          releaseKeyFingerprint: unlocked.info.fingerprint,
        });
        return metablockText(
          await signRebuildLayout(
            layout,
            unlocked.key,
            unlocked.info.signingKey.fingerprint,
            new Date(),
          ),
        );
      },
    );
    const layoutPath = config.files.find((file) => file.path.endsWith('root.layout'))!.path;
    const run = await aptInstall('refuse countersign-hello: the layout expired', [HELLO], config, {
      [layoutPath]: expired,
    });
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(/failed, reason was: Layout expired/);
  });
});

/** Where apt-prod's pool holds a package's .deb. */
async function poolFileOf(name: string): Promise<string> {
  const packages = await readFile(
    join(
      compared.demo.aptProd,
      'dists',
      (await clientConfig()).sourcesLine.split(' ')[3]!,
      'main',
      'binary-all',
      'Packages',
    ),
    'utf8',
  ).catch(() => '');
  const stanza = packages.split('\n\n').find((one) => one.startsWith(`Package: ${name}\n`));
  const filename = /^Filename: (.+)$/m.exec(stanza ?? '')?.[1];
  if (filename) return join(compared.demo.aptProd, filename);
  const { stdout } = await countersign(compared.home, ['--version']);
  throw new Error(`no pool file for ${name} (${stdout})`);
}

describe('two independent rebuilders, the second behind DOCKER_HOST=ssh://', () => {
  let remote: RemoteDockerHost;
  let homeB: string;

  beforeAll(async () => {
    remote = await startRemoteDockerHost();
    homeB = await mkdtemp(join(tmpdir(), 'cs-rebuilder-b-'));
  }, 600_000);

  afterAll(async () => {
    await remote?.stop();
    await rm(homeB, { recursive: true, force: true });
  });

  it('refuses a package one rebuilder alone vouches for when the layout asks for two', async () => {
    await editProject((config) => ({ ...config, rebuilders: policyOf(2) }));
    await publishAgain();
    const run = await aptInstall(
      'refuse countersign-hello: one link of the two the layout asks for',
      [HELLO],
      await clientConfig(),
    );
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(
      /failed, reason was: Step 'rebuild' requires '2' link metadata file\(s\), found '1'/,
    );
  });

  it('rebuilds on the engine behind ssh://, where its container runs and not on the local engine', async () => {
    const images = await localImages();
    const base = images.find((one) => one.startsWith('countersign/base:'));
    if (base) await remote.loadImage(base);
    const watch = remote.watchContainers();
    const since = new Date();
    const rebuilt = await countersign(
      homeB,
      ['rebuild', '--project', compared.demo.projectFile, '--tag', TAG],
      remote.env,
    );
    await watch.stop();
    transcript.push(
      '## countersign rebuild on DOCKER_HOST=ssh:// (B)',
      '```',
      rebuilt.stdout.trim().split('\n').slice(-8).join('\n'),
      '```',
      '',
    );
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    const builds = watch.seen().filter((one) => one.name.startsWith('countersign-build-'));
    expect(builds.length).toBeGreaterThan(0);
    const local = await localContainersCreatedSince(since);
    expect(local.filter((name) => builds.some((one) => one.name === name))).toEqual([]);
    const comparedB = await countersign(homeB, [
      'compare',
      '--project',
      compared.demo.projectFile,
      '--tag',
      TAG,
    ]);
    expect(comparedB.code, comparedB.stderr).not.toBe(3);
  });

  it('installs when both rebuilders’ links agree on the bytes', async () => {
    const tree = join(work, 'rebuilder-b-tree');
    expect(
      (await countersign(homeB, ['rebuilder', 'import-key', await writeKey(rebuilderB)])).code,
    ).toBe(0);
    const attested = await countersign(homeB, [
      'rebuilder',
      'attest',
      '--project',
      compared.demo.projectFile,
      '--tag',
      TAG,
      '--passphrase-file',
      await passphraseFile(rebuilderB),
      '--out',
      tree,
    ]);
    expect(attested.code, attested.stderr).toBe(0);
    // A tree with one edited link, or signed by a key the project does not pin, is refused whole.
    const edited = join(work, 'rebuilder-b-edited');
    await cp(tree, edited, { recursive: true });
    const metadata = join(edited, 'sources', HELLO, `${EPOCH}:1.0.0`, 'metadata');
    await writeFile(
      metadata,
      (await readFile(metadata, 'utf8')).replace(/"sha256": "./, '"sha256": "f'),
    );
    const refusedEdited = await countersign(compared.home, [
      'rebuilder',
      'add-links',
      edited,
      '--project',
      compared.demo.projectFile,
      '--tag',
      TAG,
    ]);
    expect(refusedEdited.code).toBe(1);
    expect(refusedEdited.stderr).toMatch(/REBUILD_LINK_INVALID|its signature fails/);
    const strangerTree = join(work, 'stranger-tree');
    const strangerHome = await mkdtemp(join(tmpdir(), 'cs-stranger-'));
    try {
      await cp(join(homeB, 'reviews'), join(strangerHome, 'reviews'), { recursive: true });
      await countersign(strangerHome, ['rebuilder', 'import-key', await writeKey(stranger)]);
      const foreign = await countersign(strangerHome, [
        'rebuilder',
        'attest',
        '--project',
        compared.demo.projectFile,
        '--tag',
        TAG,
        '--passphrase-file',
        await passphraseFile(stranger),
        '--out',
        strangerTree,
      ]);
      expect(foreign.code).toBe(1);
      expect(foreign.stderr).toMatch(/is not one project .* pins/);
    } finally {
      await rm(strangerHome, { recursive: true, force: true });
    }
    const added = await countersign(compared.home, [
      'rebuilder',
      'add-links',
      tree,
      '--project',
      compared.demo.projectFile,
      '--tag',
      TAG,
    ]);
    transcript.push(
      '## countersign rebuilder add-links (B\u2019s tree)',
      '```',
      added.stdout.trim(),
      '```',
      '',
    );
    expect(added.code, added.stderr).toBe(0);
    await publishAgain();
    const run = await aptInstall(
      'install countersign-hello: two agreeing links of two',
      [HELLO],
      await clientConfig(),
    );
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/passed/);
  });

  it('installs when the second rebuilder serves its own tree at its own URL', async () => {
    const own = await startStaticServer(join(work, 'rebuilder-b-tree'));
    try {
      await editProject((config) => ({
        ...config,
        rebuilders: {
          ...policyOf(2),
          rebuilders: policyOf(2).rebuilders.map((one) =>
            one.fingerprint === rebuilderB.fingerprint ? { ...one, url: own.url } : one,
          ),
        },
      }));
      await publishAgain();
      const config = await clientConfig();
      expect(config.aptConf).toContain(`"${own.url}";`);
      const run = await aptInstall(
        'install countersign-hello: rebuilder B serving its own tree',
        [HELLO],
        config,
      );
      expect(run.code, run.output).toBe(0);
      expect(
        own.requests.some((path) =>
          /^\/sources\/countersign-hello\/1%3[aA]1\.0\.0\/metadata$/.test(path),
        ),
      ).toBe(true);
    } finally {
      await own.close();
    }
  });

  it('reports a connection cut mid-build as an environment problem, never as "differs"', async () => {
    const homeC = await mkdtemp(join(tmpdir(), 'cs-rebuilder-cut-'));
    try {
      const watch = remote.watchContainers();
      const running = countersign(
        homeC,
        ['rebuild', '--project', compared.demo.projectFile, '--tag', TAG],
        remote.env,
      );
      const deadline = Date.now() + 120_000;
      while (watch.seen().length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(watch.seen().length).toBeGreaterThan(0);
      await remote.cut();
      const result = await running;
      await watch.stop();
      transcript.push(
        '## countersign rebuild, connection cut mid-build',
        '```',
        `exit ${result.code}`,
        result.stderr.trim(),
        '```',
        '',
      );
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(
        /The connection to the Docker engine at DOCKER_HOST=ssh:\/\/\S+ was lost; nothing it was doing counts/,
      );
      expect(result.stderr).not.toMatch(/differs/i);
    } finally {
      await rm(homeC, { recursive: true, force: true });
    }
  });
});

async function localImages(): Promise<string[]> {
  const { execFile } = await import('node:child_process');
  return new Promise((done) =>
    execFile('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}'], (_e, out) =>
      done(String(out).split('\n').filter(Boolean)),
    ),
  );
}

/** The names of the containers the local engine created since `since` (its own event log). */
async function localContainersCreatedSince(since: Date): Promise<string[]> {
  const { execFile } = await import('node:child_process');
  const args = ['events', '--since', since.toISOString(), '--until', new Date().toISOString()];
  const filters = ['--filter', 'type=container', '--filter', 'event=create'];
  return new Promise((done) =>
    execFile('docker', [...args, ...filters, '--format', '{{.Actor.Attributes.name}}'], (_e, out) =>
      done(String(out).split('\n').filter(Boolean)),
    ),
  );
}
