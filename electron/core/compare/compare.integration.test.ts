import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareResult } from '../../../shared/compare';
import { makeDemo } from '../../testing/demoFixture';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import { releaseFolder } from '../lib/project/releaseFolder';
import { loadProject, type LoadedProject } from '../lib/project/projectStore';
import { rebuildVerifiedTag } from '../rebuild/index';
import { checkAuditChain } from '../audit/auditLog';
import { readKeyring } from '../lib/openpgp/readKeyring';
import { repositoryKeysOf } from './ciSourceSetup';
import { compareRelease } from './compareRelease';
import { compareSources, type CompareOptions } from './compareSources';

// One demo (CI's apt-test built in Docker, cached) and one real rebuild of its
// release tag, shared by every case: the slow parts run once.

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'countersign.js');
let demo: Awaited<ReturnType<typeof makeDemo>>;
let project: LoadedProject;
let home: string;
let work: string;
let local: string;
let ciDebs: string[];
let server: Server;
let baseUrl: string;
const previousHome = process.env.COUNTERSIGN_HOME;
const quiet: JobReporter = { phase: () => {}, log: () => {} };

function countersign(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, COUNTERSIGN_HOME: home },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function options(extra: Partial<CompareOptions> = {}): Promise<CompareOptions> {
  return {
    apt: { trustedKeys: await repositoryKeysOf(project) },
    packages: [],
    downloadDir: await mkdtemp(join(work, 'dl-')),
    report: quiet,
    ...extra,
  };
}

const counts = (result: CompareResult) => result.summary;
const DEMO_COUNTS = { identical: 1, differs: 1, onlyCi: 1, onlyLocal: 0 };

beforeAll(async () => {
  if (!existsSync(join(import.meta.dirname, '..', '..', '..', 'out', 'cli', 'main.js'))) {
    throw new Error('The CLI is not built: run `node scripts/build.mjs` (npm test does) first.');
  }
  home = await mkdtemp(join(tmpdir(), 'cs-compare-home-'));
  work = await mkdtemp(join(tmpdir(), 'cs-compare-'));
  process.env.COUNTERSIGN_HOME = home;
  demo = await makeDemo({ ci: true });
  project = await loadProject(demo.projectFile);
  const rebuilt = await rebuildVerifiedTag(project, 'v1.0.0', false, quiet);
  local = rebuilt.reference.outDir;
  const pool = join(demo.dir, 'apt-test', 'pool');
  ciDebs = (await readdir(pool, { recursive: true }))
    .filter((name) => name.endsWith('.deb'))
    .map((name) => join(pool, name));
  // The demo's apt-test, served read-only over HTTP on the loopback.
  const root = join(demo.dir, 'apt-test');
  server = createServer((request, response) => {
    const path = normalize(
      join(root, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)),
    );
    if (!path.startsWith(root)) return void response.writeHead(403).end();
    readFile(path).then(
      (bytes) => response.writeHead(200, { 'content-length': bytes.length }).end(bytes),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 900_000);

afterAll(async () => {
  server.close();
  if (previousHome === undefined) delete process.env.COUNTERSIGN_HOME;
  else process.env.COUNTERSIGN_HOME = previousHome;
  await demo.remove();
  await rm(home, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});

describe('step 3 on the demo release', () => {
  it("finds CI's apt-test one identical, one different, one extra, and records it", async () => {
    const result = await compareRelease(project, 'v1.0.0', { packages: [] }, quiet);
    expect(counts(result)).toEqual(DEMO_COUNTS);
    const byStatus = Object.fromEntries(result.artifacts.map((row) => [row.status, row]));
    expect(byStatus.identical?.ci?.deb?.package).toBe('countersign-hello');
    expect(byStatus.differs?.ci?.deb).toEqual({
      package: 'countersign-hello-doc',
      version: '1.0.0',
      architecture: 'all',
    });
    expect(byStatus['only-ci']?.ci?.deb?.package).toBe('countersign-hello-telemetry');
    expect(result.ci.repository?.signedBy).toEqual([demo.ci?.keyFingerprint]);
    // The rebuild's .buildinfo and .changes have no counterpart in a repository.
    expect(result.local.skipped.map((skipped) => skipped.path).sort()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\.buildinfo$/),
        expect.stringMatching(/\.changes$/),
      ]),
    );

    const reviewDir = await releaseFolder(project, 'v1.0.0');
    const saved = await readFile(join(reviewDir, 'compare.json'));
    const chain = await checkAuditChain(reviewDir);
    // The rebuild recorded the tag's verification and the build; the comparison follows it.
    expect(chain).toMatchObject({ intact: true, entries: 4 });
    const lines = (await readFile(join(reviewDir, 'audit.jsonl'), 'utf8')).trim().split('\n');
    const kinds = lines.map((line) => (JSON.parse(line) as { kind: string }).kind);
    expect(kinds).toEqual(['tag-verified', 'rebuild-started', 'rebuild-finished', 'compare']);
    const entry = JSON.parse(lines[3] ?? '{}') as { kind: string; data: { sha256: string } };
    expect(entry.data.sha256).toBe(createHash('sha256').update(saved).digest('hex'));
  });

  it("takes from apt-test only the packages the tag's source builds, named by debian/changelog", async () => {
    const lines: string[] = [];
    const listening: JobReporter = { phase: () => {}, log: (line) => lines.push(line) };
    const result = await compareRelease(project, 'v1.0.0', { packages: [] }, listening);
    expect(counts(result)).toEqual(DEMO_COUNTS);
    expect(lines).toContain("CI's side: the packages built from countersign-hello 1.0.0");
    expect(
      lines.some((line) => /^3 of 3 package\(s\) were built from "countersign-hello"/.test(line)),
    ).toBe(true);
    expect(lines.some((line) => /^fetching 3 package\(s\), [\d.]+ MB/.test(line))).toBe(true);
  });

  it('reads the same repository over HTTP', async () => {
    const result = await compareSources(
      `apt:${baseUrl}`,
      local,
      await options({
        apt: { trustedKeys: await repositoryKeysOf(project), suite: 'stable' },
      }),
    );
    expect(counts(result)).toEqual(DEMO_COUNTS);
  });

  it('compares a folder and every archive kind of the same packages alike', async () => {
    const folder = join(work, 'ci-folder');
    await mkdir(join(folder, 'debs'), { recursive: true });
    for (const deb of ciDebs) await cp(deb, join(folder, 'debs', deb.split('/').pop() ?? 'x'));
    execFileSync('tar', ['-cf', join(work, 'ci.tar'), '-C', folder, '.']);
    execFileSync('tar', ['-czf', join(work, 'ci.tar.gz'), '-C', folder, 'debs']);
    execFileSync('tar', ['-cJf', join(work, 'ci.tar.xz'), '-C', folder, 'debs']);
    execFileSync('zip', ['-qr', join(work, 'ci.zip'), 'debs'], { cwd: folder });
    for (const source of [
      folder,
      ...['ci.tar', 'ci.tar.gz', 'ci.tar.xz', 'ci.zip'].map((name) => join(work, name)),
    ]) {
      const result = await compareSources(source, local, await options());
      // A folder or archive may hold the rebuild's other files too; here it holds only packages.
      expect(counts(result), source).toEqual({ ...DEMO_COUNTS, onlyLocal: 2 });
      expect(result.artifacts.find((row) => row.status === 'differs')?.name).toBe(
        'countersign-hello-doc_1.0.0_all.deb',
      );
    }
  });

  it('narrows both sides to the packages asked for', async () => {
    const result = await compareSources(
      `apt:${join(demo.dir, 'apt-test')}`,
      local,
      await options({ packages: ['countersign-hello'] }),
    );
    expect(counts(result)).toEqual({ identical: 1, differs: 0, onlyCi: 0, onlyLocal: 0 });
    expect(result.identical).toBe(true);
  });

  it('refuses a repository whose Release is signed by another key', async () => {
    const maintainer = await readKeyring(
      new Uint8Array(await readFile(join(demo.dir, 'keys', 'maintainer.asc'))),
      'maintainer',
    );
    await expect(
      compareSources(
        `apt:${join(demo.dir, 'apt-test')}`,
        local,
        await options({ apt: { trustedKeys: maintainer } }),
      ),
    ).rejects.toMatchObject({ code: 'REPOSITORY_SIGNATURE_INVALID' });
  });

  it('refuses a local rebuild changed after it was built', async () => {
    const copy = join(work, 'tampered-rebuild');
    await cp(local, copy, { recursive: true });
    const deb =
      (await readdir(join(copy, 'artifacts'))).find((name) => name.endsWith('.deb')) ?? '';
    await writeFile(join(copy, 'artifacts', deb), 'not the package any more');
    await expect(
      compareSources(`apt:${join(demo.dir, 'apt-test')}`, copy, await options()),
    ).rejects.toMatchObject({
      code: 'LOCAL_TAMPERED',
    });
  });
});

describe('countersign compare', () => {
  it('exits 1 and prints each artifact when CI differs from the rebuild, as JSON with --json', () => {
    const run = countersign('compare', '--project', demo.projectFile, '--tag', 'v1.0.0', '--json');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as CompareResult & { savedTo: string };
    expect(result.summary).toEqual(DEMO_COUNTS);
    expect(result.artifacts.map((row) => row.status).sort()).toEqual([
      'differs',
      'identical',
      'only-ci',
    ]);
    for (const row of result.artifacts) {
      expect(row).toHaveProperty('name');
      expect(row.ci?.sha256 ?? row.local?.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(result.savedTo).toMatch(/compare\.json$/);
  });

  it('exits 0 when everything is identical', () => {
    const run = countersign(
      'compare',
      '--ci',
      `apt:${join(demo.dir, 'apt-test')}`,
      '--apt-key',
      join(demo.dir, 'keys', 'ci.asc'),
      '--local',
      local,
      '--packages',
      'countersign-hello',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('1 identical, 0 differ, 0 only in CI, 0 only local');
  });

  it('exits 2 with the reason for bad input', () => {
    const missing = countersign('compare', '--local', local);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--ci is required');
    const noKey = countersign(
      'compare',
      '--ci',
      `apt:${join(demo.dir, 'apt-test')}`,
      '--local',
      local,
    );
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('--apt-key');
    const nowhere = countersign('compare', '--ci', join(work, 'no-such-folder'), '--local', local);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
  });

  it('exits 2 for an archive with a path that climbs out, and names the entry', () => {
    const evil = join(work, 'evil.tar');
    execFileSync('python3', [
      '-c',
      `import tarfile, io\nt = tarfile.open(${JSON.stringify(evil)}, 'w')\ni = tarfile.TarInfo('../../escape.deb')\ni.size = 3\nt.addfile(i, io.BytesIO(b'abc'))\nt.close()`,
    ]);
    const run = countersign('compare', '--ci', evil, '--local', local, '--json');
    expect(run.code).toBe(2);
    expect((JSON.parse(run.stdout) as { error: { code: string } }).error.code).toBe(
      'ARCHIVE_PATH_TRAVERSAL',
    );
    expect(run.stderr).toContain('escape.deb');
  });
});
