import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountersignError } from '../../../../shared/errors';
import { GnupgHome } from '../gpg/gnupgHome';
import type { AptPackage } from './aptTypes';
import { fetchPackage, readAptRepository } from './readAptRepository';
import { AptTestServer } from './testing/aptTestServer';
import {
  buildDeb,
  repositoryKey,
  runTool,
  signRelease,
  writeRepository,
  type RepositorySpec,
} from './testing/aptRepositoryFactory';

const SPEC: RepositorySpec = {
  suite: 'testing',
  codename: 'trixie',
  component: 'main',
  architectures: ['amd64', 'all'],
  indexer: 'apt-ftparchive',
};

let work: string;
let gpg: GnupgHome;
let ci: { fingerprint: string; publicKeys: openpgp.PublicKey[] };
let stranger: { fingerprint: string; publicKeys: openpgp.PublicKey[] };
let other: { fingerprint: string; publicKeys: openpgp.PublicKey[] };
let debs: string[];
let server: AptTestServer;
/** The repository every case starts from: apt-ftparchive indexes, InRelease and Release.gpg by the CI key. */
let base: string;
let copies = 0;

async function sha256Of(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/** A fresh copy of the shared repository, under the served folder, for one case to change. */
async function copyOfBase(): Promise<{ root: string; url: string; urlPath: string }> {
  copies += 1;
  const name = `copy-${copies}`;
  const root = join(work, 'served', name);
  await cp(base, root, { recursive: true });
  return { root, url: `${server.url}${name}/`, urlPath: `/${name}/` };
}

async function failure(promise: Promise<unknown>): Promise<CountersignError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CountersignError) return error;
    throw error;
  }
  throw new Error('expected a CountersignError, got success');
}

function byName(packages: AptPackage[], name: string): AptPackage {
  const pkg = packages.find((candidate) => candidate.package === name);
  if (!pkg) throw new Error(`no ${name}`);
  return pkg;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cs-apt-'));
  gpg = await GnupgHome.create();
  ci = await repositoryKey(gpg, 'Countersign CI <ci@example.org>');
  stranger = await repositoryKey(
    gpg,
    'Debian Archive Automatic Signing Key <ftpmaster@example.org>',
  );
  other = await repositoryKey(gpg, 'Someone Else <else@example.org>');
  debs = [
    await buildDeb(work, { name: 'hello', version: '1.0-1', architecture: 'amd64' }),
    await buildDeb(work, { name: 'hello-doc', version: '1.0-1', architecture: 'all' }),
    // Big enough to cut a download in the middle.
    await buildDeb(work, {
      name: 'tool',
      version: '2.0-1',
      architecture: 'amd64',
      payloadBytes: 256 * 1024,
    }),
  ];
  base = join(work, 'served', 'base');
  await writeRepository(base, debs, SPEC);
  await signRelease(base, 'testing', gpg, [ci.fingerprint]);
  server = await AptTestServer.start(join(work, 'served'));
});

afterAll(async () => {
  await server?.close();
  await gpg?.dispose();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('reading a signed repository', () => {
  it('verifies a local repository and lists its packages with their signed hashes', async () => {
    const lines: string[] = [];
    const snapshot = await readAptRepository(
      base,
      ci.publicKeys,
      {},
      { log: (line) => lines.push(line) },
    );
    expect(snapshot).toMatchObject({
      root: base,
      suite: 'testing',
      components: ['main'],
      architectures: ['amd64', 'all'],
      signedBy: [ci.fingerprint],
      signatures: [{ fingerprint: ci.fingerprint, trusted: true, valid: true, reason: null }],
    });
    expect(snapshot.releaseSha256).toBe(await sha256Of(join(base, 'dists/testing/InRelease')));
    // hello-doc is in binary-amd64 and binary-all: listed once.
    expect(
      snapshot.packages.map((pkg) => `${pkg.package} ${pkg.version} ${pkg.architecture}`),
    ).toEqual(['hello 1.0-1 amd64', 'hello-doc 1.0-1 all', 'tool 2.0-1 amd64']);
    for (const pkg of snapshot.packages) {
      expect(pkg.sha256).toBe(await sha256Of(join(base, pkg.filename)));
      expect(pkg.component).toBe('main');
    }
    expect(lines.some((line) => line.includes('Packages.xz'))).toBe(true);
  });

  it('reads the same repository over HTTP when the suite is named', async () => {
    const url = `${server.url}base/`;
    const snapshot = await readAptRepository(url, ci.publicKeys, { suite: 'testing' });
    expect(snapshot.signedBy).toEqual([ci.fingerprint]);
    expect(snapshot.packages.map((pkg) => pkg.package)).toEqual(['hello', 'hello-doc', 'tool']);
    expect(server.requestsFor('/base/dists/testing/InRelease')[0]?.status).toBe(200);
  });

  it('asks for the suite over HTTP, where dists/ cannot be listed', async () => {
    const error = await failure(readAptRepository(`${server.url}base/`, ci.publicKeys, {}));
    expect(error.code).toBe('SUITE_AMBIGUOUS');
    expect(error.hint).toContain('--suite NAME');
  });

  it('asks which suite to read when a local repository has several', async () => {
    const copy = await copyOfBase();
    await cp(join(copy.root, 'dists/testing'), join(copy.root, 'dists/stable'), {
      recursive: true,
    });
    const error = await failure(readAptRepository(copy.root, ci.publicKeys, {}));
    expect(error.code).toBe('SUITE_AMBIGUOUS');
    expect(error.message).toContain('"stable", "testing"');
  });

  it("refuses a Release put under another suite's name", async () => {
    const copy = await copyOfBase();
    await cp(join(copy.root, 'dists/testing'), join(copy.root, 'dists/stable'), {
      recursive: true,
    });
    const error = await failure(readAptRepository(copy.root, ci.publicKeys, { suite: 'stable' }));
    expect(error.code).toBe('INVALID_REPOSITORY');
  });

  it('keeps only the packages asked for, and names those that are not there', async () => {
    const snapshot = await readAptRepository(base, ci.publicKeys, { packages: ['tool'] });
    expect(snapshot.packages.map((pkg) => pkg.package)).toEqual(['tool']);
    const error = await failure(
      readAptRepository(base, ci.publicKeys, { packages: ['tool', 'nope'] }),
    );
    expect(error.code).toBe('PACKAGE_NOT_FOUND');
    expect(error.message).toContain('"nope"');
    expect(error.message).toContain('"hello"');
  });

  it('reads one release out of a repository of many: the binaries its source built at its version', async () => {
    const dir = join(work, 'releases');
    await mkdir(dir);
    const releases = [
      await buildDeb(dir, { name: 'hello', version: '0.9-1', architecture: 'amd64' }),
      await buildDeb(dir, { name: 'hello', version: '1.0-1', architecture: 'amd64' }),
      await buildDeb(dir, {
        name: 'hello-doc',
        version: '1.0-1',
        architecture: 'all',
        source: 'hello',
      }),
      await buildDeb(dir, {
        name: 'hello-doc',
        version: '0.9-1',
        architecture: 'all',
        source: 'hello',
      }),
      // A binNMU: the binary's version differs, the Source field carries the source's.
      await buildDeb(dir, {
        name: 'libhello1',
        version: '1.0-1+b1',
        architecture: 'amd64',
        source: 'hello (1.0-1)',
      }),
      await buildDeb(dir, { name: 'tool', version: '1.0-1', architecture: 'amd64' }),
    ];
    const root = join(dir, 'repo');
    await writeRepository(root, releases, SPEC);
    await signRelease(root, 'testing', gpg, [ci.fingerprint]);
    const snapshot = await readAptRepository(root, ci.publicKeys, {
      source: { name: 'hello', version: '1.0-1' },
    });
    expect(snapshot.packages.map((pkg) => `${pkg.package}=${pkg.version}`)).toEqual([
      'hello=1.0-1',
      'hello-doc=1.0-1',
      'libhello1=1.0-1+b1',
    ]);
  });

  it('reads only the chosen architecture (plus arch-independent packages)', async () => {
    const snapshot = await readAptRepository(base, ci.publicKeys, { architecture: 'all' });
    expect(snapshot.packages.map((pkg) => pkg.package)).toEqual(['hello-doc']);
    const error = await failure(readAptRepository(base, ci.publicKeys, { architecture: 'arm64' }));
    expect(error.code).toBe('INVALID_REPOSITORY');
  });

  it('verifies Release with its detached Release.gpg when there is no InRelease', async () => {
    const copy = await copyOfBase();
    await rm(join(copy.root, 'dists/testing/InRelease'));
    const snapshot = await readAptRepository(copy.root, ci.publicKeys, {});
    expect(snapshot.signedBy).toEqual([ci.fingerprint]);
    expect(snapshot.releaseSha256).toBe(await sha256Of(join(copy.root, 'dists/testing/Release')));
  });

  it('passes an InRelease signed by an unknown key and the trusted key, reporting both', async () => {
    const copy = await copyOfBase();
    await signRelease(copy.root, 'testing', gpg, [stranger.fingerprint, ci.fingerprint], {
      inRelease: true,
      detached: false,
    });
    const snapshot = await readAptRepository(copy.root, ci.publicKeys, {});
    expect(snapshot.signedBy).toEqual([ci.fingerprint]);
    expect(snapshot.signatures).toHaveLength(2);
    expect(snapshot.signatures).toContainEqual(
      expect.objectContaining({ fingerprint: stranger.fingerprint, trusted: false, valid: false }),
    );
    expect(snapshot.signatures).toContainEqual(
      expect.objectContaining({ fingerprint: ci.fingerprint, trusted: true, valid: true }),
    );
  });

  it('refuses a repository signed by a key that is not trusted, naming the key found', async () => {
    const error = await failure(readAptRepository(base, other.publicKeys, {}));
    expect(error.code).toBe('REPOSITORY_SIGNATURE_INVALID');
    expect(error.message).toContain(ci.fingerprint);
  });

  it('refuses a repository with neither InRelease nor Release.gpg as unsigned', async () => {
    const copy = await copyOfBase();
    await rm(join(copy.root, 'dists/testing/InRelease'));
    await rm(join(copy.root, 'dists/testing/Release.gpg'));
    const error = await failure(readAptRepository(copy.root, ci.publicKeys, {}));
    expect(error.code).toBe('REPOSITORY_UNSIGNED');
  });

  it('refuses a Packages index that differs from the hash in the signed Release', async () => {
    const copy = await copyOfBase();
    const dir = join(copy.root, 'dists/testing/main/binary-amd64');
    const packages = (await readFile(join(dir, 'Packages'), 'utf8')).replace(
      'Version: 2.0-1',
      'Version: 2.0-2',
    );
    await writeFile(join(dir, 'Packages'), packages);
    await rm(join(dir, 'Packages.xz'));
    await runTool('xz', ['-k', '-9', join(dir, 'Packages')]);
    const error = await failure(readAptRepository(copy.root, ci.publicKeys, {}));
    expect(error.code).toBe('INDEX_HASH_MISMATCH');
    expect(error.message).toContain('Packages.xz');
  });

  it('reads a partial mirror that holds only Packages.gz of the three variants Release lists', async () => {
    const copy = await copyOfBase();
    for (const arch of ['amd64', 'all']) {
      const dir = join(copy.root, `dists/testing/main/binary-${arch}`);
      await rm(join(dir, 'Packages'));
      await rm(join(dir, 'Packages.xz'));
    }
    const release = await readFile(join(copy.root, 'dists/testing/InRelease'), 'utf8');
    expect(release).toMatch(/main\/binary-amd64\/Packages\.xz/);
    const snapshot = await readAptRepository(copy.url, ci.publicKeys, { suite: 'testing' });
    expect(snapshot.packages.map((pkg) => pkg.package)).toEqual(['hello', 'hello-doc', 'tool']);
    const gz = `${copy.urlPath}dists/testing/main/binary-amd64/Packages.gz`;
    expect(server.requestsFor(gz)[0]?.status).toBe(200);
    expect(
      server.requestsFor(`${copy.urlPath}dists/testing/main/binary-amd64/Packages.xz`)[0]?.status,
    ).toBe(404);
  });

  it("reads a partial mirror of Debian's kind: only binary-amd64, whose index lists the arch-all packages too", async () => {
    const copy = await copyOfBase();
    const dists = join(copy.root, 'dists/testing');
    // apt-ftparchive's binary-amd64 index lists hello-doc (all) too; Release still lists binary-all.
    await rm(join(dists, 'main/binary-all'), { recursive: true });
    const plain = await failure(
      (async () => {
        await signRelease(copy.root, 'testing', gpg, [ci.fingerprint]);
        return readAptRepository(copy.root, ci.publicKeys, { architecture: 'amd64' });
      })(),
    );
    expect(plain.code).toBe('INDEX_MISSING');
    const release = await readFile(join(dists, 'Release'), 'utf8');
    await writeFile(
      join(dists, 'Release'),
      release.replace(/^(Suite: .*\n)/m, '$1No-Support-for-Architecture-all: Packages\n'),
    );
    await signRelease(copy.root, 'testing', gpg, [ci.fingerprint]);
    for (const selection of [{ architecture: 'amd64' }, {}]) {
      const snapshot = await readAptRepository(copy.root, ci.publicKeys, selection);
      expect(snapshot.packages.map((pkg) => `${pkg.package}:${pkg.architecture}`)).toEqual([
        'hello:amd64',
        'hello-doc:all',
        'tool:amd64',
      ]);
    }
  });

  it('says which index is missing when none of the listed variants is there', async () => {
    const copy = await copyOfBase();
    const dir = join(copy.root, 'dists/testing/main/binary-amd64');
    for (const name of await readdir(dir)) await rm(join(dir, name));
    const error = await failure(readAptRepository(copy.root, ci.publicKeys, {}));
    expect(error.code).toBe('INDEX_MISSING');
    expect(error.message).toContain('main/binary-amd64');
  });

  it('refuses a redirect to another scheme', async () => {
    server.failNext('/base/dists/testing/InRelease', {
      kind: 'redirect',
      location: 'file:///etc/passwd',
    });
    const error = await failure(
      readAptRepository(`${server.url}base/`, ci.publicKeys, { suite: 'testing' }),
    );
    expect(error.code).toBe('INVALID_REPOSITORY');
    expect(error.message).toContain('file:///etc/passwd');
  });

  it('reports a closed port as unreachable, an environment problem', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const error = await failure(
      readAptRepository(`http://127.0.0.1:${port}/`, ci.publicKeys, { suite: 'testing' }),
    );
    expect(error.code).toBe('REPOSITORY_UNREACHABLE');
  });

  it('reports a server error as unreachable rather than as a missing index', async () => {
    server.failNext('/base/dists/testing/InRelease', { kind: 'status', status: 503 });
    const error = await failure(
      readAptRepository(`${server.url}base/`, ci.publicKeys, { suite: 'testing' }),
    );
    expect(error.code).toBe('REPOSITORY_UNREACHABLE');
    expect(error.message).toContain('503');
  });
});

describe('fetching packages', () => {
  it('copies a package from a local repository under its hash, and reuses it once verified', async () => {
    const { packages } = await readAptRepository(base, ci.publicKeys, { packages: ['hello'] });
    const pkg = byName(packages, 'hello');
    const dest = join(work, 'fetch-local');
    const path = await fetchPackage(base, pkg, dest);
    expect(path).toBe(join(dest, `${pkg.sha256}.deb`));
    expect(await sha256Of(path)).toBe(pkg.sha256);
    const progress: [number, number][] = [];
    expect(
      await fetchPackage(base, pkg, dest, {
        onBytes: (done, total) => progress.push([done, total]),
      }),
    ).toBe(path);
    expect(progress).toEqual([[pkg.size, pkg.size]]);
  });

  it('downloads every package over HTTP, reporting progress', async () => {
    const { packages } = await readAptRepository(`${server.url}base/`, ci.publicKeys, {
      suite: 'testing',
    });
    const dest = join(work, 'fetch-http');
    for (const pkg of packages) {
      let last = 0;
      const path = await fetchPackage(`${server.url}base/`, pkg, dest, {
        onBytes: (done) => (last = done),
      });
      expect(await sha256Of(path)).toBe(pkg.sha256);
      expect(last).toBe(pkg.size);
    }
    expect((await readdir(dest)).sort()).toEqual(packages.map((pkg) => `${pkg.sha256}.deb`).sort());
  });

  it('refuses a package whose file was changed after signing, and leaves nothing under its name', async () => {
    const copy = await copyOfBase();
    const { packages } = await readAptRepository(copy.root, ci.publicKeys, { packages: ['hello'] });
    const pkg = byName(packages, 'hello');
    const file = join(copy.root, pkg.filename);
    const bytes = await readFile(file);
    const at = bytes.length - 10;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0xff, at);
    await writeFile(file, bytes);
    const dest = join(work, 'fetch-tampered');
    const error = await failure(fetchPackage(copy.url, pkg, dest));
    expect(error.code).toBe('PACKAGE_HASH_MISMATCH');
    expect(error.message).toContain('"hello"');
    expect(error.message).toContain(pkg.sha256);
    expect(error.message).toContain(createHash('sha256').update(bytes).digest('hex'));
    expect(await readdir(dest)).toEqual([]);
  });

  it('resumes a download the server cut short, with a Range request', async () => {
    const { packages } = await readAptRepository(`${server.url}base/`, ci.publicKeys, {
      suite: 'testing',
      packages: ['tool'],
    });
    const pkg = byName(packages, 'tool');
    const urlPath = `/base/${pkg.filename}`;
    const dest = join(work, 'fetch-resume');
    const since = server.mark();
    server.failNext(urlPath, { kind: 'truncate', afterBytes: 100_000 });
    const error = await failure(fetchPackage(`${server.url}base/`, pkg, dest));
    expect(error.code).toBe('DOWNLOAD_INCOMPLETE');
    // What arrived before the cut is kept (fetch may drop its last buffered chunk).
    const kept = (await stat(join(dest, `${pkg.sha256}.deb.partial`))).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(100_000);

    const path = await fetchPackage(`${server.url}base/`, pkg, dest);
    expect(await sha256Of(path)).toBe(pkg.sha256);
    expect(
      server.requestsFor(urlPath, since).map((request) => [request.status, request.range]),
    ).toEqual([
      [200, null],
      [206, `bytes=${kept}-`],
    ]);
    expect(await readdir(dest)).toEqual([`${pkg.sha256}.deb`]);
  });

  it('keeps what arrived when cancelled, and resumes from there', async () => {
    const { packages } = await readAptRepository(base, ci.publicKeys, { packages: ['tool'] });
    const pkg = byName(packages, 'tool');
    const urlPath = `/base/${pkg.filename}`;
    const dest = join(work, 'fetch-cancel');
    server.failNext(urlPath, { kind: 'stall', afterBytes: 64 * 1024 });
    const controller = new AbortController();
    const error = await failure(
      fetchPackage(`${server.url}base/`, pkg, dest, {
        signal: controller.signal,
        onBytes: (done) => {
          if (done >= 64 * 1024) controller.abort();
        },
      }),
    );
    expect(error.code).toBe('CANCELLED');
    expect((await stat(join(dest, `${pkg.sha256}.deb.partial`))).size).toBe(64 * 1024);
    const path = await fetchPackage(`${server.url}base/`, pkg, dest);
    expect(await sha256Of(path)).toBe(pkg.sha256);
    expect(server.requestsFor(urlPath).at(-1)?.range).toBe(`bytes=${64 * 1024}-`);
  });
});

describe("Countersign's own index writer", () => {
  let written: string;

  beforeAll(async () => {
    written = join(work, 'served', 'written');
    await writeRepository(written, debs, {
      ...SPEC,
      indexer: 'countersign',
      validUntil: new Date(Date.now() + 24 * 3600 * 1000),
      acquireByHash: true,
    });
    await signRelease(written, 'testing', gpg, [ci.fingerprint]);
  });

  it('writes a Release whose InRelease and Release.gpg gpgv accepts', async () => {
    const keyring = join(work, 'ci-keyring.gpg');
    await gpg.run(['--export', '--output', keyring, ci.fingerprint]);
    const dists = join(written, 'dists/testing');
    await runTool('gpgv', ['--keyring', keyring, join(dists, 'InRelease')], { env: gpg.env });
    await runTool(
      'gpgv',
      ['--keyring', keyring, join(dists, 'Release.gpg'), join(dists, 'Release')],
      {
        env: gpg.env,
      },
    );
    const wrongKeyring = join(work, 'other-keyring.gpg');
    await gpg.run(['--export', '--output', wrongKeyring, other.fingerprint]);
    await expect(
      runTool('gpgv', ['--keyring', wrongKeyring, join(dists, 'InRelease')], { env: gpg.env }),
    ).rejects.toThrow();
  });

  it('writes a repository the reader accepts, fetching its indexes by hash', async () => {
    const url = `${server.url}written/`;
    const snapshot = await readAptRepository(url, ci.publicKeys, { suite: 'testing' });
    const fromFtparchive = await readAptRepository(base, ci.publicKeys, {});
    expect(
      snapshot.packages.map((pkg) => [
        pkg.package,
        pkg.version,
        pkg.architecture,
        pkg.filename,
        pkg.size,
        pkg.sha256,
      ]),
    ).toEqual(
      fromFtparchive.packages.map((pkg) => [
        pkg.package,
        pkg.version,
        pkg.architecture,
        pkg.filename,
        pkg.size,
        pkg.sha256,
      ]),
    );
    const byHash = server.requests.filter(
      (request) =>
        request.path.startsWith('/written/') && request.path.includes('/by-hash/SHA256/'),
    );
    expect(byHash.length).toBeGreaterThan(0);
    expect(byHash.every((request) => request.status === 200)).toBe(true);
  });

  it('refuses a repository whose Valid-Until has passed', async () => {
    const later = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    const error = await failure(readAptRepository(written, ci.publicKeys, {}, { now: later }));
    expect(error.code).toBe('REPOSITORY_EXPIRED');
    expect(error.message).toMatch(/valid until \d{4}-\d{2}-\d{2}T/);
  });

  it('writes Packages.gz that matches the plain index', async () => {
    const dir = join(written, 'dists/testing/main/binary-amd64');
    const plain = await readFile(join(dir, 'Packages'));
    expect(gzipSync(plain, { level: 9 }).equals(await readFile(join(dir, 'Packages.gz')))).toBe(
      true,
    );
  });
});
