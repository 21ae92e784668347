import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAppError } from '../../../shared/errors';
import { readReleaseKey, unlockReleaseKey } from '../lib/openpgp/index';
import { generatedKey, TEST_PASSPHRASE } from '../lib/openpgp/testing/generatedKeys';
import { signDetachedArtifacts } from './signDetachedArtifacts';

// Non-package artifacts are signed beside apt-prod; real gpg checks the result.

let work: string;
let keyring: string;
let unlocked: Awaited<ReturnType<typeof unlockReleaseKey>>;

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cs-detached-'));
  const { armored, publicKey } = await generatedKey();
  keyring = join(work, 'release.gpg');
  await writeFile(keyring, publicKey.write());
  unlocked = await unlockReleaseKey(await readReleaseKey(armored), TEST_PASSPHRASE);
});

afterAll(() => rm(work, { recursive: true, force: true }));

describe('signDetachedArtifacts', () => {
  it('writes each file with its .asc and a signed SHA256SUMS that gpgv and sha256sum accept', async () => {
    const tarball = join(work, 'hello-1.0.tar.gz');
    const wheel = join(work, 'hello-1.0-py3-none-any.whl');
    await writeFile(tarball, 'tarball bytes');
    await writeFile(wheel, 'wheel bytes');
    const root = join(work, 'apt-prod');
    const written = await signDetachedArtifacts(
      root,
      'v1.0.0',
      [
        { name: 'hello-1.0.tar.gz', file: tarball, sha256: sha256('tarball bytes') },
        { name: 'hello-1.0-py3-none-any.whl', file: wheel, sha256: sha256('wheel bytes') },
      ],
      unlocked,
      new Date(),
    );
    const folder = join(root, 'releases', 'v1.0.0');
    expect(written).toContain('releases/v1.0.0/SHA256SUMS.asc');
    expect((await readdir(folder)).sort()).toEqual([
      'SHA256SUMS',
      'SHA256SUMS.asc',
      'hello-1.0-py3-none-any.whl',
      'hello-1.0-py3-none-any.whl.asc',
      'hello-1.0.tar.gz',
      'hello-1.0.tar.gz.asc',
    ]);
    const gpgv = (...files: string[]) =>
      spawnSync('gpgv', ['--keyring', keyring, ...files.map((name) => join(folder, name))]).status;
    expect(gpgv('hello-1.0.tar.gz.asc', 'hello-1.0.tar.gz')).toBe(0);
    expect(gpgv('SHA256SUMS.asc', 'SHA256SUMS')).toBe(0);
    expect(spawnSync('sha256sum', ['--strict', '-c', 'SHA256SUMS'], { cwd: folder }).status).toBe(
      0,
    );
    await writeFile(join(folder, 'hello-1.0.tar.gz'), 'other bytes');
    expect(gpgv('hello-1.0.tar.gz.asc', 'hello-1.0.tar.gz')).not.toBe(0);
  });

  it('refuses a file whose bytes are not the ones compared, and leaves nothing behind', async () => {
    const file = join(work, 'changed.tar.gz');
    await writeFile(file, 'changed since');
    const root = join(work, 'apt-prod-2');
    let code = '';
    try {
      await signDetachedArtifacts(
        root,
        'v2.0.0',
        [{ name: 'changed.tar.gz', file, sha256: sha256('as compared') }],
        unlocked,
        new Date(),
      );
    } catch (error) {
      code = toAppError(error).code;
    }
    expect(code).toBe('LOCAL_TAMPERED');
    expect(await readdir(join(root, 'releases'))).toEqual([]);
  });
});
