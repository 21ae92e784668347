import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeb, runTool, writeRepository } from '../core/lib/apt/testing/aptRepositoryFactory';
import { aptIntotoImageTag, ensureAptIntotoImage } from './aptIntotoImage';
import { runAptInContainer, type AptClientSetup } from './aptInContainer';
import { startStaticServer, type StaticServer } from './staticHttpServer';

// Real apt 2.6 and apt-transport-in-toto 0.1.1-3 in a Debian bookworm
// container on the host's network, against a repository served from the
// host's 127.0.0.1. The image is bootstrapped with mmdebstrap once per
// machine (a cold bootstrap took 26–32 s here) and cached by tag; each run is a
// fresh container of about a second.

const DOCKER = spawnSync('docker', ['version', '--format', '{{.Server.Version}}']).status === 0;
const ARCH = spawnSync('dpkg', ['--print-architecture'], { encoding: 'utf8' }).stdout.trim();
const PKG = 'countersign-hello';
// An epoch, so apt stores the .deb as countersign-hello_1%3a2.0-1_all.deb.
const VERSION = '1:2.0-1';

/** gpg in a throwaway home (outside the engine, tests drive GnuPG themselves). */
const gpg = (home: string, args: string[]) =>
  runTool('gpg', ['--batch', '--no-tty', '--pinentry-mode', 'loopback', ...args], {
    env: { GNUPGHOME: home },
  });

describe.skipIf(!DOCKER)(
  `apt with apt-transport-in-toto in a container${DOCKER ? '' : ' (skipped: no Docker engine answers)'}`,
  () => {
    let work: string;
    let gnupgHome: string;
    let fingerprint: string;
    let keyring: Buffer;
    let server: StaticServer;

    beforeAll(async () => {
      await ensureAptIntotoImage();
      work = await mkdtemp(join(tmpdir(), 'cs-apt-intoto-test-'));
      const served = join(work, 'served');
      await mkdir(join(served, 'sources', 'foo', '1:2.0-1'), { recursive: true });
      await writeFile(join(served, 'sources', 'foo', '1:2.0-1', 'metadata'), 'links of foo\n');

      // Short path: gpg-agent's socket must fit in 107 bytes.
      gnupgHome = await mkdtemp(join(tmpdir(), 'cs-gpg-'));
      await chmod(gnupgHome, 0o700);
      const uid = 'Countersign Test Repository <repo@example.org>';
      await gpg(gnupgHome, [
        '--passphrase',
        '',
        '--quick-gen-key',
        uid,
        'ed25519',
        'sign',
        'never',
      ]);
      const colons = (await gpg(gnupgHome, ['--with-colons', '--list-keys', uid])).toString();
      fingerprint = /^fpr:(?:[^:]*:){8}([0-9A-F]{40}):/m.exec(colons)?.[1] ?? '';
      expect(fingerprint, colons).not.toBe('');
      keyring = await gpg(gnupgHome, ['--export', fingerprint]);

      const deb = await buildDeb(work, { name: PKG, version: VERSION, architecture: 'all' });
      await writeRepository(served, [deb], {
        suite: 'stable',
        codename: 'bookworm',
        component: 'main',
        architectures: [ARCH],
        indexer: 'apt-ftparchive',
      });
      const dists = join(served, 'dists', 'stable');
      await gpg(gnupgHome, [
        ...['--local-user', `${fingerprint}!`, '--clearsign'],
        ...['--output', join(dists, 'InRelease'), join(dists, 'Release')],
      ]);
      server = await startStaticServer(served);
    }, 600_000);

    afterAll(async () => {
      await server?.close();
      if (gnupgHome) {
        await runTool('gpgconf', ['--kill', 'all'], { env: { GNUPGHOME: gnupgHome } });
        await rm(gnupgHome, { recursive: true, force: true });
      }
      if (work) await rm(work, { recursive: true, force: true });
    });

    const sources = (method: 'http' | 'intoto'): AptClientSetup['files'] => ({
      '/etc/apt/sources.list.d/countersign.list': `deb [signed-by=/etc/countersign/repo.gpg] ${method}://127.0.0.1:${server.port}/ stable main\n`,
      '/etc/countersign/repo.gpg': keyring,
    });

    it('keeps the image: a second call finds it by tag at once', async () => {
      const started = Date.now();
      const image = await ensureAptIntotoImage();
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(image).toMatchObject({ reference: aptIntotoImageTag(), reused: true });
    });

    it('has the intoto method and in-toto, and only the sources and folders it is given', async () => {
      const run = await runAptInContainer(
        { files: sources('http'), folders: { '/etc/countersign/gnupg': gnupgHome } },
        [
          'test -x /usr/lib/apt/methods/intoto',
          "python3 -c 'import in_toto, securesystemslib, requests'",
          'ls -A /etc/apt/sources.list.d',
          'test ! -e /etc/apt/sources.list',
          'stat -c "%a %U %G" /etc/countersign/gnupg /etc/countersign/gnupg/pubring.kbx /etc/countersign/repo.gpg',
          'stat -c %a / /tmp /etc /etc/apt/sources.list.d',
          `gpg --homedir /etc/countersign/gnupg --list-keys --with-colons 2>/dev/null | grep -c ${fingerprint}`,
        ].join(' && '),
      );
      expect(run.code, run.output).toBe(0);
      expect(run.stdout.split('\n')).toEqual([
        'countersign.list',
        '700 root root',
        '644 root root',
        '644 root root',
        '755',
        '1777',
        '755',
        '755',
        '1',
        '',
      ]);
    });

    it('kills a run that outlives its time limit, and leaves no container behind', async () => {
      const run = await runAptInContainer({ files: {} }, 'echo started; sleep 60', {
        timeoutMs: 1_000,
        collect: ['/etc/hostname', '/nonexistent'],
      });
      expect(run).toMatchObject({ timedOut: true, stdout: 'started\n' });
      expect(run.collected['/nonexistent']).toBeNull();
      expect(run.collected['/etc/hostname']).toMatch(/\S/);
      const left = spawnSync('docker', ['ps', '-aq', '--filter', 'name=cs-apt-intoto-'], {
        encoding: 'utf8',
      });
      expect(left.stdout.trim()).toBe('');
    });

    it('reaches the host’s 127.0.0.1, which serves percent-escaped paths decoded', async () => {
      const url = `${server.url}sources/foo/1%3a2.0-1/metadata`;
      const run = await runAptInContainer(
        { files: {} },
        `python3 -c "import requests; r = requests.get('${url}'); print(r.status_code, r.text, end='')"`,
      );
      expect(run.output).toBe('200 links of foo');
      // requests (urllib3) sends the escape upper-cased, as it normalizes every URL.
      expect(server.requests).toContain('/sources/foo/1%3A2.0-1/metadata');
    });

    it('installs a package over http from a signed repository on the host', async () => {
      const run = await runAptInContainer(
        { files: sources('http') },
        [
          'apt-get update',
          `apt-get install -y --no-install-recommends ${PKG}`,
          `dpkg-query -W -f '\${Version}\\n' ${PKG}`,
          'ls /var/cache/apt/archives',
        ].join(' && '),
      );
      expect(run.code, run.output).toBe(0);
      expect(run.output).not.toMatch(/^(W|E):/m);
      expect(run.stdout).toContain(`\n${VERSION}\n`);
      // apt keeps the .deb under the name the intoto method parses the version from.
      expect(run.stdout).toContain(`${PKG}_1%3a2.0-1_all.deb`);
    });

    it('reads the stock apt.conf.d/intoto after an 80-something file: its rebuilders add to ours and its layout wins', async () => {
      const run = await runAptInContainer(
        {
          files: {
            '/etc/apt/apt.conf.d/80countersign-intoto': `APT::Intoto { Rebuilders { "${server.url}"; }; Layout { "/etc/countersign/root.layout"; }; };\n`,
          },
        },
        'apt-config dump APT::Intoto',
      );
      expect(run.code, run.output).toBe(0);
      expect(run.stdout).toContain(`APT::Intoto::Rebuilders:: "${server.url}";`);
      expect(run.stdout).toContain('APT::Intoto::Rebuilders:: "http://158.39.77.214";');
      // Two Layout items; the method keeps the last one it is sent.
      expect(run.stdout.indexOf('"/etc/intoto/root.layout"')).toBeGreaterThan(
        run.stdout.indexOf('"/etc/countersign/root.layout"'),
      );
    });

    it('goes through the intoto method: indexes pass, a .deb without links is refused, the log says why', async () => {
      const before = server.requests.length;
      const run = await runAptInContainer(
        {
          files: {
            ...sources('intoto'),
            // Replaces the package's stock config: no public rebuilders, no NoFail.
            '/etc/apt/apt.conf.d/intoto': [
              'APT::Intoto {',
              '  LogLevel {"20"};',
              `  Rebuilders { "${server.url}"; };`,
              '  GPGHomedir {"/etc/countersign/gnupg"};',
              '  Layout {"/etc/countersign/root.layout"};',
              `  Keyids { "${fingerprint}"; };`,
              '};',
              '',
            ].join('\n'),
          },
          folders: { '/etc/countersign/gnupg': gnupgHome },
        },
        `apt-get update && apt-get install -y --no-install-recommends ${PKG}`,
        { collect: ['/tmp/intoto.log'] },
      );
      expect(run.code, run.output).toBe(100);
      expect(run.output).toMatch(/In-toto verification for .* failed/);
      // The version comes from apt's file name (1%3a2.0-1), sent as 1%3A2.0-1.
      expect(server.requests.slice(before)).toContain(`/sources/${PKG}/1%3A2.0-1/metadata`);
      expect(run.collected['/tmp/intoto.log']).toMatch(
        /Could not retrieve in-toto metadata from rebuilder .* server response: 404/,
      );
    });
  },
);
