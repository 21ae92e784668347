import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectConfig } from '../../../shared/project';
import { DEMO_RECIPE } from '../../core/demo/index';
import { addTrustedKeys, readKeyringFile } from '../../core/tag/index';

/**
 * A release of a real Debian source package, set up as its maintainer would
 * have it, with CI's side being Debian's own archive: the source fetched with
 * `apt-get source` under a private apt configuration (the machine's is never
 * changed), committed to a fresh git repository, tagged `git tag -s` by a
 * throwaway maintainer key under DEP-14's name, and a project.json for it.
 * docs/real-packages.md records the walks made with it.
 */

export const DEBIAN_MIRROR = 'http://deb.debian.org/debian';
export const DEBIAN_SUITE = 'bookworm';
const KEYRINGS = '/usr/share/keyrings';
/** The bookworm keys of Debian's archive keyring; whichever of them this machine has. */
const ARCHIVE_KEYRING_FILES = [
  'debian-archive-bookworm-automatic.gpg',
  'debian-archive-bookworm-stable.gpg',
];
const MAINTAINER_UID = 'Throwaway Maintainer <maintainer@example.org>';

export interface DebianSourceRelease {
  /** The folder holding project.json, source/ and apt/ (the private apt configuration). */
  dir: string;
  projectFile: string;
  repoPath: string;
  /** The source package and its version, as `apt-get source` gave them. */
  source: string;
  version: string;
  /** The DEP-14 tag: debian/<version>, epoch's ':' as '%' and '~' as '_'. */
  tag: string;
  commit: string;
  /** The throwaway maintainer key's fingerprint (its secret half is already deleted). */
  maintainer: string;
  /** The archive keys the project pins for CI's side, by fingerprint. */
  archiveKeys: string[];
  remove(): Promise<void>;
}

interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs a program without a shell; rejects with its own words when it fails. */
function run(
  program: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: { ...process.env, LC_ALL: 'C', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => reject(new Error(`${program} could not start: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else {
        const words = `${stderr}\n${stdout}`.trim().split('\n').slice(-20).join('\n');
        reject(new Error(`${program} ${args.join(' ')} exited ${code}:\n${words}`));
      }
    });
  });
}

/** The proxy apt would use for plain http to the mirror, from the machine's apt config or http_proxy. */
async function aptHttpProxy(): Promise<URL | null> {
  const dump = await run('apt-config', ['dump']).then(
    (result) => result.stdout,
    () => '',
  );
  const host = new URL(DEBIAN_MIRROR).hostname;
  const setting = (key: string) =>
    new RegExp(`^${key.replace(/[.:]/g, '\\$&')} "([^"]*)";$`, 'im').exec(dump)?.[1];
  const proxy =
    setting(`Acquire::http::Proxy::${host}`) ??
    setting('Acquire::http::Proxy') ??
    process.env.http_proxy ??
    process.env.HTTP_PROXY;
  if (!proxy || proxy.toUpperCase() === 'DIRECT') return null;
  return new URL(proxy);
}

/**
 * Why Debian's archive cannot be reached from here (a short HEAD of
 * bookworm's InRelease, through apt's proxy if the machine has one), or null
 * when it answers.
 */
export async function debianArchiveUnreachable(timeoutMs = 5_000): Promise<string | null> {
  const url = `${DEBIAN_MIRROR}/dists/${DEBIAN_SUITE}/InRelease`;
  const proxy = await aptHttpProxy();
  const target = new URL(url);
  const via = proxy
    ? {
        host: proxy.hostname,
        port: proxy.port || 80,
        path: url,
        headers: {
          Host: target.host,
          ...(proxy.username
            ? {
                'Proxy-Authorization': `Basic ${Buffer.from(
                  `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`,
                ).toString('base64')}`,
              }
            : {}),
        },
      }
    : { host: target.hostname, port: target.port || 80, path: target.pathname };
  const where = `${url}${proxy ? ` (through apt's proxy ${proxy.host})` : ''}`;
  return new Promise((resolve) => {
    const req = request({ ...via, method: 'HEAD', timeout: timeoutMs }, (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      resolve(status === 200 ? null : `Debian's archive answered HTTP ${status} for ${where}`);
    });
    req.on('timeout', () => {
      req.destroy();
      resolve(`Debian's archive did not answer within ${timeoutMs / 1000} s: ${where}`);
    });
    req.on('error', (error) =>
      resolve(`Debian's archive cannot be reached: ${where}: ${error.message}`),
    );
    req.end();
  });
}

/**
 * DEP-14's tag name for a Debian version: `debian/` then the version with
 * ':' as '%', '~' as '_', and what git refuses in a ref ('..', a trailing
 * '.', '.lock') broken up with '#'.
 */
export function dep14Tag(version: string): string {
  const mangled = version
    .replace(/:/g, '%')
    .replace(/~/g, '_')
    .replace(/\.(?=\.)/g, '.#')
    .replace(/\.$/, '.#')
    .replace(/\.lock$/, '.#lock');
  return `debian/${mangled}`;
}

/** The bookworm archive keyrings present on this machine (at least one, or this throws). */
export function archiveKeyrings(): string[] {
  const present = ARCHIVE_KEYRING_FILES.map((name) => join(KEYRINGS, name)).filter((path) =>
    existsSync(path),
  );
  if (present.length === 0) {
    throw new Error(
      `None of ${ARCHIVE_KEYRING_FILES.join(', ')} is in ${KEYRINGS}: apt-get install debian-archive-keyring`,
    );
  }
  return present;
}

/**
 * A private apt: its own sources.list (one deb-src line, signed-by the
 * bookworm archive keys), state and cache, and no trusted keys of the
 * machine's. The machine's apt.conf.d is still read, so its proxy holds.
 */
async function privateApt(dir: string, keyrings: string[]): Promise<string[]> {
  const etc = join(dir, 'etc');
  await mkdir(join(etc, 'trusted.gpg.d'), { recursive: true });
  await mkdir(join(dir, 'state', 'lists', 'partial'), { recursive: true });
  await mkdir(join(dir, 'cache', 'archives', 'partial'), { recursive: true });
  await writeFile(
    join(etc, 'sources.list'),
    `deb-src [signed-by=${keyrings.join(',')}] ${DEBIAN_MIRROR} ${DEBIAN_SUITE} main\n`,
  );
  return [
    '-o',
    `Dir::Etc::SourceList=${join(etc, 'sources.list')}`,
    '-o',
    'Dir::Etc::SourceParts=/dev/null',
    '-o',
    `Dir::Etc::Trusted=${join(etc, 'trusted.gpg')}`,
    '-o',
    `Dir::Etc::TrustedParts=${join(etc, 'trusted.gpg.d')}`,
    '-o',
    `Dir::State=${join(dir, 'state')}`,
    '-o',
    'Dir::State::status=/var/lib/dpkg/status',
    '-o',
    `Dir::Cache=${join(dir, 'cache')}`,
    // Root's apt drops to _apt to download; our private folders need not be its.
    '-o',
    'APT::Sandbox::User=root',
  ];
}

/** Fetches the source package with apt (hashes checked against the signed Sources) and unpacks it. */
async function fetchSource(
  aptOptions: string[],
  source: string,
  version: string,
  downloads: string,
  tree: string,
): Promise<void> {
  await run('apt-get', [...aptOptions, '-qq', 'update']);
  await mkdir(downloads);
  await run(
    'apt-get',
    [...aptOptions, '-qq', 'source', '--download-only', `${source}=${version}`],
    {
      cwd: downloads,
    },
  );
  const dsc = (await readdir(downloads)).find((name) => name.endsWith('.dsc'));
  if (!dsc) throw new Error(`apt-get source ${source}=${version} gave no .dsc`);
  const format = /^Format:\s*(.+)$/m.exec(await readFile(join(downloads, dsc), 'utf8'))?.[1];
  // A 3.0 (quilt) source is committed with its patches unapplied, as
  // git-buildpackage keeps it; dpkg-buildpackage applies them before building.
  const skip = format?.trim() === '3.0 (quilt)' ? ['--skip-patches'] : [];
  await run('dpkg-source', ['-x', ...skip, dsc, tree], { cwd: downloads });
}

/**
 * Commits the unpacked source as it is (ignored files too: a source package
 * has no untracked files) at its changelog's date, and signs a DEP-14 tag
 * with a throwaway Ed25519 key made by real GnuPG in a throwaway home.
 */
async function commitAndTag(
  tree: string,
  tag: string,
  message: string,
): Promise<{ commit: string; maintainer: string; publicKey: string }> {
  const gnupgHome = await mkdtemp(join(tmpdir(), 'cs-gpg-'));
  await chmod(gnupgHome, 0o700);
  const gpgEnv = { GNUPGHOME: gnupgHome };
  const gpg = (args: string[]) =>
    run('gpg', ['--batch', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], {
      env: gpgEnv,
    });
  try {
    await gpg(['--quick-gen-key', MAINTAINER_UID, 'ed25519', 'sign', '0']);
    const listing = await gpg(['--with-colons', '--list-keys', MAINTAINER_UID]);
    const maintainer = /^fpr:(?:[^:]*:){8}([0-9A-F]+):/m.exec(listing.stdout)?.[1];
    if (!maintainer) throw new Error('gpg made no key');
    const publicKey = (await gpg(['--armor', '--export', maintainer])).stdout;

    const date = (await run('dpkg-parsechangelog', ['-S', 'Date'], { cwd: tree })).stdout.trim();
    // The commit is dated as the changelog dates the release; the tag is signed now.
    const git = (args: string[], dated = false) =>
      run(
        'git',
        [
          '-c',
          'user.name=Throwaway Maintainer',
          '-c',
          'user.email=maintainer@example.org',
          '-c',
          'init.defaultBranch=debian/latest',
          ...args,
        ],
        {
          cwd: tree,
          env: {
            ...gpgEnv,
            GIT_CONFIG_NOSYSTEM: '1',
            GIT_CONFIG_GLOBAL: '/dev/null',
            ...(dated ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
          },
        },
      );
    await git(['init', '-q']);
    await git(['add', '--all', '--force', '.']);
    await git(['commit', '-q', '--no-verify', '-m', message], true);
    await git(['-c', `user.signingkey=${maintainer}!`, 'tag', '-s', '-m', message, tag]);
    const commit = (await git(['rev-parse', 'HEAD'])).stdout.trim();
    return { commit, maintainer, publicKey };
  } finally {
    await run('gpgconf', ['--kill', 'all'], { env: gpgEnv }).catch(() => undefined);
    await rm(gnupgHome, { recursive: true, force: true });
  }
}

/** The archive keys as pins ({ fingerprint, publicKey }), read as Countersign reads keys. */
async function pinnedArchiveKeys(keyrings: string[]): Promise<ProjectConfig['trustedSigners']> {
  let pins: ProjectConfig = { name: 'pins', source: { repo: '.' }, trustedSigners: [] };
  for (const keyring of keyrings) {
    for (const key of await readKeyringFile(keyring)) {
      pins = await addTrustedKeys(pins, key.armor());
    }
  }
  return pins.trustedSigners;
}

/**
 * Sets up `source` at `version` from Debian bookworm in a fresh temp folder
 * (or `parent`): apt-get source, git, a signed DEP-14 tag, project.json whose
 * CI is Debian's archive. remove() deletes it all.
 */
export async function debianSourceRelease(
  source: string,
  version: string,
  options: { parent?: string } = {},
): Promise<DebianSourceRelease> {
  const dir = await mkdtemp(join(options.parent ?? tmpdir(), `cs-debian-${source}-`));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    const keyrings = archiveKeyrings();
    const aptOptions = await privateApt(join(dir, 'apt'), keyrings);
    const repoPath = join(dir, 'source');
    await fetchSource(aptOptions, source, version, join(dir, 'apt', 'downloads'), repoPath);
    const tag = dep14Tag(version);
    const signed = await commitAndTag(repoPath, tag, `${source} Debian release ${version}`);
    const archiveKeys = await pinnedArchiveKeys(keyrings);
    const empty: ProjectConfig = {
      name: source,
      source: { repo: 'source' },
      trustedSigners: [],
      rebuild: DEMO_RECIPE,
      ci: {
        source: `apt:${DEBIAN_MIRROR}`,
        repositoryKeys: archiveKeys,
        suite: DEBIAN_SUITE,
        component: 'main',
        architecture: 'amd64',
      },
    };
    const config = await addTrustedKeys(empty, signed.publicKey);
    const projectFile = join(dir, 'project.json');
    await writeFile(projectFile, `${JSON.stringify(config, null, 2)}\n`);
    return {
      dir,
      projectFile,
      repoPath,
      source,
      version,
      tag,
      commit: signed.commit,
      maintainer: signed.maintainer,
      archiveKeys: archiveKeys.map((key) => key.fingerprint),
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
}
