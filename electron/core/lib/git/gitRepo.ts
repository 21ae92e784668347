import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { runGit } from './runGit';
import type { GnupgHome } from '../gpg/gnupgHome';

// Fixed identities and dates make the demo's commits the same on every machine.
const AUTHOR = { name: 'Dana Maintainer', email: 'dana@example.org' };

/** A git repository the demo (and the tests) write to, as a maintainer would. */
export class DemoRepo {
  constructor(readonly path: string) {}

  static async init(path: string): Promise<DemoRepo> {
    await mkdir(path, { recursive: true });
    const repo = new DemoRepo(path);
    await repo.git(['init', '-q', '-b', 'main']);
    return repo;
  }

  async git(args: string[], env: NodeJS.ProcessEnv = {}, gpgProgram?: string): Promise<string> {
    const config = [
      '-c',
      `user.name=${AUTHOR.name}`,
      '-c',
      `user.email=${AUTHOR.email}`,
      '-c',
      'commit.gpgsign=false',
      '-c',
      'tag.gpgsign=false',
      ...(gpgProgram ? ['-c', `gpg.program=${gpgProgram}`] : []),
    ];
    const result = await runGit([...config, ...args], { cwd: this.path, env });
    if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr.trim()}`);
    return result.stdout.toString('utf8').trim();
  }

  /** Writes files and commits them at a fixed date; returns the commit SHA. */
  async commit(files: Record<string, string>, message: string, date: string): Promise<string> {
    for (const [name, content] of Object.entries(files)) {
      const full = join(this.path, name);
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, content, {
        mode: name.endsWith('rules') || name.endsWith('.sh') ? 0o755 : 0o644,
      });
    }
    await this.git(['add', '-A']);
    const env = { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
    await this.git(['commit', '-q', '-m', message], env);
    return this.git(['rev-parse', 'HEAD']);
  }

  /** `git tag -s` with real GnuPG, by the given key (optionally at a faked time). */
  async signedTag(
    name: string,
    message: string,
    gpg: GnupgHome,
    signingKey: string,
    options: { target?: string; gpgProgram?: string; date?: string } = {},
  ): Promise<void> {
    const env = { ...gpg.env, ...(options.date ? { GIT_COMMITTER_DATE: options.date } : {}) };
    await this.git(
      [
        '-c',
        `user.signingkey=${signingKey}!`,
        'tag',
        '-s',
        '-m',
        message,
        name,
        options.target ?? 'HEAD',
      ],
      env,
      options.gpgProgram,
    );
  }

  async annotatedTag(name: string, message: string, target = 'HEAD'): Promise<void> {
    await this.git(['tag', '-a', '-m', message, name, target]);
  }

  async lightweightTag(name: string, target = 'HEAD'): Promise<void> {
    await this.git(['tag', name, target]);
  }

  /** Stores an arbitrary tag object (for tampering tests) and points refs/tags/<name> at it. */
  async writeTagObject(name: string, raw: string): Promise<string> {
    const result = await runGit(['hash-object', '-t', 'tag', '-w', '--literally', '--stdin'], {
      cwd: this.path,
      input: raw,
    });
    if (result.code !== 0) throw new Error(result.stderr);
    const oid = result.stdout.toString('utf8').trim();
    await this.git(['update-ref', `refs/tags/${name}`, oid]);
    return oid;
  }

  /** The tag object's exact bytes, as text. */
  async rawTag(name: string): Promise<string> {
    const result = await runGit(['cat-file', 'tag', `refs/tags/${name}`], { cwd: this.path });
    if (result.code !== 0) throw new Error(result.stderr);
    return result.stdout.toString('utf8');
  }
}
