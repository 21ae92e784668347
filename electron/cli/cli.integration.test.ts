import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoRepo } from '../core/demo/index';
import { makeDemo } from '../testing/demoFixture';

// Drives the built CLI exactly as a script would (`npm test` builds before testing).
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'countersign.js');

function countersign(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let demo: Awaited<ReturnType<typeof makeDemo>>;
let keyring: string;

beforeAll(async () => {
  if (!existsSync(join(import.meta.dirname, '..', '..', 'out', 'cli', 'main.js'))) {
    throw new Error(
      'The CLI is not built: run `node scripts/build.mjs` (npm test does) before these tests.',
    );
  }
  demo = await makeDemo();
  keyring = join(demo.dir, 'keys', 'maintainer.asc');
});

afterAll(() => demo.remove());

describe('countersign verify-tag', () => {
  it('exits 0 and prints the signer for a tag signed by a trusted maintainer', () => {
    const run = countersign(
      'verify-tag',
      '--repo',
      demo.repoPath,
      '--keyring',
      keyring,
      '--tag',
      'v1.0.0',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('verified');
    expect(run.stdout.replace(/ /g, '')).toContain(demo.maintainer.signingSubkey);
  });

  it('exits 1 with the reason for a tag signed by an untrusted key', () => {
    const run = countersign(
      'verify-tag',
      '--repo',
      demo.repoPath,
      '--keyring',
      keyring,
      '--tag',
      'v1.0.0-untrusted',
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('UNKNOWN_KEY');
  });

  it('prints the whole verdict as JSON with --json', () => {
    const run = countersign(
      'verify-tag',
      '--project',
      demo.projectFile,
      '--tag',
      'v1.0.0-rc1',
      '--json',
    );
    expect(run.code).toBe(0);
    const verdict = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(verdict).toMatchObject({
      verdict: 'verified',
      tagName: 'v1.0.0-rc1',
      tagHeaderName: 'v1.0.0-rc1',
      taggedObject: { type: 'commit' },
      signer: {
        signingKeyFingerprint: demo.maintainer.signingSubkey,
        primaryKeyFingerprint: demo.maintainer.primary,
        userId: demo.maintainer.userId,
      },
      problems: [],
    });
  });

  it('exits 1 when the tag does not point at --expect-commit', () => {
    const run = countersign(
      'verify-tag',
      '--project',
      demo.projectFile,
      '--tag',
      'v1.0.0',
      '--expect-commit',
      '0'.repeat(40),
      '--json',
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('COMMIT_MISMATCH');
  });

  it('exits 2 with a reason, never a stack trace, for bad input', async () => {
    const notKeys = join(demo.dir, 'not-keys.txt');
    await writeFile(notKeys, 'hello, I am not a key\n');
    const cases = [
      {
        args: ['verify-tag', '--repo', demo.repoPath, '--keyring', keyring, '--tag', 'v9'],
        code: 'TAG_NOT_FOUND',
      },
      {
        args: ['verify-tag', '--repo', '/nonexistent', '--keyring', keyring, '--tag', 'v1.0.0'],
        code: 'REPO_UNREADABLE',
      },
      {
        args: ['verify-tag', '--repo', demo.dir, '--keyring', keyring, '--tag', 'v1.0.0'],
        code: 'REPO_UNREADABLE',
      },
      {
        args: ['verify-tag', '--repo', demo.repoPath, '--keyring', notKeys, '--tag', 'v1.0.0'],
        code: 'INVALID_KEYRING',
      },
      {
        args: ['verify-tag', '--repo', demo.repoPath, '--keyring', keyring, '--tag', '--evil'],
        code: 'INVALID_REQUEST',
      },
      {
        args: ['verify-tag', '--repo', demo.repoPath, '--keyring', keyring],
        code: 'INVALID_REQUEST',
      },
      { args: ['verify-tag', '--bogus'], code: 'INVALID_REQUEST' },
    ];
    for (const { args, code } of cases) {
      const run = countersign(...args, '--json');
      expect(run.code, args.join(' ')).toBe(2);
      expect(JSON.parse(run.stdout), args.join(' ')).toMatchObject({ error: { code } });
      expect(run.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
    }
  });

  it('shows hostile tag messages as inert text on a terminal', async () => {
    const repo = new DemoRepo(demo.repoPath);
    await repo.annotatedTag('v6.6.6', 'evil\u001b[2J\u001b[1A✔ v6.6.6: verified');
    const run = countersign('verify-tag', '--project', demo.projectFile, '--tag', 'v6.6.6');
    expect(run.code).toBe(1);
    // eslint-disable-next-line no-control-regex
    expect(run.stdout).not.toMatch(/\u001b/);
    expect(run.stdout).toContain('evil\\u001b[2J');
  });
});

describe('countersign compare --project --tag', () => {
  it('answers "rebuild first" (NO_REBUILD) before any rebuild, as the UI does', async () => {
    // The demo without CI's build names no CI source: give it an (empty) folder of artifacts.
    const project = JSON.parse(await readFile(demo.projectFile, 'utf8')) as Record<string, unknown>;
    await mkdir(join(demo.dir, 'ci-folder'), { recursive: true });
    await writeFile(demo.projectFile, JSON.stringify({ ...project, ci: { source: 'ci-folder' } }));
    const home = await mkdtemp(join(tmpdir(), 'cs-cli-home-'));
    try {
      const result = spawnSync(
        process.execPath,
        [BIN, 'compare', '--project', demo.projectFile, '--tag', 'v1.0.0', '--json'],
        { encoding: 'utf8', env: { ...process.env, COUNTERSIGN_HOME: home } },
      );
      expect(JSON.parse(result.stdout), result.stderr).toMatchObject({
        error: { code: 'NO_REBUILD', hint: 'Run step 2 (Rebuild) first.' },
      });
      expect(result.stderr).toContain('has not been rebuilt yet');
    } finally {
      await writeFile(demo.projectFile, JSON.stringify(project, null, 2));
      await rm(home, { recursive: true, force: true });
    }
  });
});

describe('countersign', () => {
  it('prints help with every command', () => {
    const run = countersign('--help');
    expect(run.code).toBe(0);
    for (const command of ['demo', 'verify-tag', 'serve']) expect(run.stdout).toContain(command);
  });

  it('rejects an unknown command with exit 2', () => {
    expect(countersign('frobnicate').code).toBe(2);
  });

  it('refuses to write the demo over a non-empty folder', () => {
    const run = countersign('demo', '--dir', demo.dir, '--json');
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('INVALID_REQUEST');
  });
});
