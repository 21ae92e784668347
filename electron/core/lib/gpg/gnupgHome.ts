import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CountersignError } from '../../../../shared/errors';

export interface GpgRunOptions {
  input?: string;
  /** GnuPG's --faked-system-time, frozen ("20200101T000000!"); for making historic keys and signatures. */
  fakedTime?: string;
  /**
   * The passphrase for this run, in place of the empty one: keys generated
   * with it are protected by it, and exporting them needs it.
   */
  passphrase?: string;
}

/** How to make a key or subkey: algorithm, usage, expiry, time, and passphrase. */
export interface GpgKeyOptions {
  algo?: string;
  usage?: string;
  expire?: string;
  fakedTime?: string;
  passphrase?: string;
}

/**
 * A throwaway GnuPG home: real GnuPG, never the user's keyring. The demo and
 * the tests make their keys and tags here, the way a maintainer would.
 */
export class GnupgHome {
  private constructor(readonly home: string) {}

  static async create(): Promise<GnupgHome> {
    // Short path: gpg-agent's socket path must fit in 107 bytes.
    const home = await mkdtemp(join(tmpdir(), 'cs-gpg-'));
    await chmod(home, 0o700);
    await writeFile(join(home, 'gpg-agent.conf'), 'allow-loopback-pinentry\n');
    return new GnupgHome(home);
  }

  get env(): NodeJS.ProcessEnv {
    return { GNUPGHOME: this.home };
  }

  run(args: string[], options: GpgRunOptions = {}): Promise<string> {
    const fixed = [
      '--batch',
      '--no-tty',
      '--pinentry-mode',
      'loopback',
      '--passphrase',
      options.passphrase ?? '',
    ];
    const time = options.fakedTime
      ? ['--faked-system-time', options.fakedTime, '--ignore-time-conflict']
      : [];
    return new Promise((resolve, reject) => {
      const child = spawn('gpg', [...fixed, ...time, ...args], {
        env: { ...process.env, GNUPGHOME: this.home, LC_ALL: 'C' },
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
      child.on('error', () =>
        reject(
          new CountersignError(
            'TOOL_MISSING',
            'GnuPG (gpg) could not be started.',
            'apt-get install gnupg',
          ),
        ),
      );
      child.on('close', (code) => {
        if (code === 0) resolve(out);
        else reject(new Error(`gpg ${args.join(' ')} failed (${code}): ${err.trim()}`));
      });
      child.stdin.on('error', () => {}); // the program may exit before reading its input
      child.stdin.end(options.input ?? '');
    });
  }

  /** Generates a primary key and returns its fingerprint. usage "cert" makes a certify-only primary. */
  async generateKey(userId: string, options: GpgKeyOptions = {}): Promise<string> {
    await this.run(
      [
        '--quick-gen-key',
        userId,
        options.algo ?? 'ed25519',
        options.usage ?? 'sign',
        options.expire ?? '0',
      ],
      options,
    );
    return this.fingerprintOf(userId);
  }

  /** Adds a subkey and returns its fingerprint. */
  async addSubkey(primary: string, options: GpgKeyOptions = {}): Promise<string> {
    const before = await this.subkeyFingerprints(primary);
    await this.run(
      [
        '--quick-add-key',
        primary,
        options.algo ?? 'ed25519',
        options.usage ?? 'sign',
        options.expire ?? '0',
      ],
      options,
    );
    const after = await this.subkeyFingerprints(primary);
    const added = after.find((fpr) => !before.includes(fpr));
    if (!added) throw new Error('gpg did not add a subkey');
    return added;
  }

  async fingerprintOf(query: string): Promise<string> {
    const listing = await this.run(['--with-colons', '--fingerprint', '--list-keys', query]);
    const fpr = listing.split('\n').find((line) => line.startsWith('fpr:'));
    if (!fpr) throw new Error(`no key for ${query}`);
    return fpr.split(':')[9] ?? '';
  }

  async subkeyFingerprints(primary: string): Promise<string[]> {
    const listing = await this.run([
      '--with-colons',
      '--with-subkey-fingerprints',
      '--list-keys',
      primary,
    ]);
    const lines = listing.split('\n');
    const result: string[] = [];
    lines.forEach((line, index) => {
      if (line.startsWith('sub:')) {
        const next = lines[index + 1];
        if (next?.startsWith('fpr:')) result.push(next.split(':')[9] ?? '');
      }
    });
    return result;
  }

  exportPublic(fingerprint: string, armor = true): Promise<string> {
    return this.run(['--export', ...(armor ? ['--armor'] : []), fingerprint]);
  }

  /**
   * Exports a secret key as GnuPG does for a release manager: protected by
   * the key's passphrase (none for a key made without one). `subkeysOnly`
   * exports the primary as a stub (gnu-dummy), as `--export-secret-subkeys` does.
   */
  exportSecret(
    fingerprint: string,
    options: { passphrase?: string; armor?: boolean; subkeysOnly?: boolean } = {},
  ): Promise<string> {
    return this.run(
      [
        options.subkeysOnly ? '--export-secret-subkeys' : '--export-secret-keys',
        ...(options.armor === false ? [] : ['--armor']),
        fingerprint,
      ],
      options.passphrase === undefined ? {} : { passphrase: options.passphrase },
    );
  }

  /** Revokes a primary key with the revocation certificate GnuPG made when generating it. */
  async revokeKey(fingerprint: string): Promise<void> {
    const certificate = await readFile(
      join(this.home, 'openpgp-revocs.d', `${fingerprint}.rev`),
      'utf8',
    );
    // GnuPG prefixes the armor line with ":" so the file cannot be imported by mistake.
    await this.run(['--import'], { input: certificate.replace(/^:-----BEGIN/m, '-----BEGIN') });
  }

  /**
   * Revokes one subkey through gpg's own edit menu, driven over --command-fd;
   * `reason` is the number of gpg's menu (0 none, 1 compromised, 2 superseded,
   * 3 no longer used: not the RFC's numbers) and a one-line description.
   */
  async revokeSubkey(
    primary: string,
    subkey: string,
    fakedTime?: string,
    reason: { code: number; text: string } = { code: 0, text: '' },
  ): Promise<void> {
    const index = (await this.subkeyFingerprints(primary)).indexOf(subkey) + 1;
    if (index === 0) throw new Error(`no subkey ${subkey}`);
    const description = reason.text ? [reason.text, ''] : [''];
    const commands = [
      `key ${index}`,
      'revkey',
      'y',
      String(reason.code),
      ...description,
      'y',
      'save',
      '',
    ].join('\n');
    await this.run(['--command-fd', '0', '--status-fd', '2', '--edit-key', primary], {
      input: commands,
      ...(fakedTime ? { fakedTime } : {}),
    });
  }

  /** Sets a key's (or some subkeys') expiry, as `gpg --quick-set-expire` does. */
  async setExpiry(
    primary: string,
    expire: string,
    subkeys: string[] = [],
    fakedTime?: string,
  ): Promise<void> {
    await this.run(
      ['--quick-set-expire', primary, expire, ...subkeys],
      fakedTime ? { fakedTime } : {},
    );
  }

  /**
   * A gpg program for git (gpg.program) that signs at a frozen, faked time,
   * for making tags "in the past".
   */
  async gpgProgramAt(fakedTime: string): Promise<string> {
    const path = join(this.home, `gpg-at-${fakedTime.replace(/\W/g, '')}.sh`);
    await writeFile(
      path,
      `#!/bin/sh\nexec gpg --faked-system-time '${fakedTime}' --ignore-time-conflict "$@"\n`,
      { mode: 0o700 },
    );
    return path;
  }

  /** Stops this home's agent and deletes the home, secrets included. */
  async dispose(): Promise<void> {
    await new Promise<void>((resolve) => {
      const child = spawn('gpgconf', ['--kill', 'all'], {
        env: { ...process.env, GNUPGHOME: this.home },
      });
      child.on('close', () => resolve());
      child.on('error', () => resolve());
    });
    await rm(this.home, { recursive: true, force: true });
  }
}
