import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectConfig } from '../../../shared/project';
import { fingerprintOf } from '../lib/openpgp/keyFacts';
import { generatedKey, refusal } from '../lib/openpgp/testing/generatedKeys';
import type { LoadedProject } from '../lib/project/projectStore';
import { resolveVerifyTarget } from './verifyTarget';

let dir: string;
let release: Awaited<ReturnType<typeof generatedKey>>;
let publicArmored: string;

function project(config: Partial<ProjectConfig> = {}): LoadedProject {
  return {
    file: join(dir, 'project.json'),
    id: 'qa-test',
    repoPath: join(dir, 'source'),
    trustedKeys: [],
    config: {
      name: 'qa-test',
      source: { repo: 'source' },
      trustedSigners: [],
      aptProd: { path: 'apt-prod', origin: 'O', label: 'L', acquireByHash: true },
      ...config,
    },
  };
}

const withReleaseKey = () =>
  project({
    releaseKey: { file: 'keys/release-key.asc', fingerprint: fingerprintOf(release.publicKey) },
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cs-verify-target-'));
  release = await generatedKey();
  publicArmored = release.publicKey.armor();
  await mkdir(join(dir, 'keys'));
  await writeFile(join(dir, 'keys', 'release-key.asc'), release.armored);
  await writeFile(join(dir, 'public.asc'), publicArmored);
  await writeFile(join(dir, 'secret.asc'), release.armored);
  await mkdir(join(dir, 'apt-prod', 'dists', 'stable'), { recursive: true });
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('resolveVerifyTarget', () => {
  it("defaults to apt-prod's folder and the release key's public part, with no passphrase", async () => {
    const target = await resolveVerifyTarget(withReleaseKey(), {});
    expect(target.root).toBe(join(dir, 'apt-prod'));
    expect(target.keys.map(fingerprintOf)).toEqual([fingerprintOf(release.publicKey)]);
    expect(target.keys[0]?.isPrivate()).toBe(false);
    expect(target.suite).toBeUndefined();
    expect(target.reviewDir).toBeUndefined();
  });

  it("defaults to apt-prod's public URL when project.json names one, and its one suite", async () => {
    const config = withReleaseKey().config;
    const target = await resolveVerifyTarget(
      project({
        ...config,
        aptProd: { ...config.aptProd!, url: 'https://apt.example.org/prod' },
      }),
      {},
    );
    expect(target.root).toBe('https://apt.example.org/prod');
    expect(target.suite).toBe('stable');
  });

  it('verifies any repository by URL with a pasted public key when the project has no release key', async () => {
    const target = await resolveVerifyTarget(project(), {
      repo: 'http://127.0.0.1:8080/apt-prod/',
      keyring: { kind: 'armored', text: publicArmored },
      suite: 'bookworm',
    });
    expect(target.root).toBe('http://127.0.0.1:8080/apt-prod/');
    expect(target.keys.map(fingerprintOf)).toEqual([fingerprintOf(release.publicKey)]);
    expect(target.suite).toBe('bookworm');
  });

  it('reads a keyring file, relative to the project folder', async () => {
    const target = await resolveVerifyTarget(project(), {
      keyring: { kind: 'file', path: 'public.asc' },
    });
    expect(target.keys.map(fingerprintOf)).toEqual([fingerprintOf(release.publicKey)]);
  });

  it('without a release key and without a keyring, says what to give', async () => {
    const error = await refusal(resolveVerifyTarget(project(), {}));
    expect(error.code).toBe('NO_RELEASE_KEY');
    expect(error.message).toMatch(/give the public key/);
    expect(error.hint).toMatch(/gpg --export --armor/);
  });

  it('refuses a secret key pasted as the keyring, and one named as a keyring file', async () => {
    const pasted = await refusal(
      resolveVerifyTarget(project(), { keyring: { kind: 'armored', text: release.armored } }),
    );
    expect(pasted.code).toBe('INVALID_KEY');
    expect(pasted.message).toMatch(/secret key/);
    const file = await refusal(
      resolveVerifyTarget(project(), { keyring: { kind: 'file', path: 'secret.asc' } }),
    );
    expect(file.code).toBe('INVALID_KEY');
  });

  it('refuses a URL that is not http(s), text that is not a key, and a device as a keyring file', async () => {
    const keyring = { kind: 'armored' as const, text: publicArmored };
    const scheme = await refusal(
      resolveVerifyTarget(project(), { repo: 'ftp://example.org/apt', keyring }),
    );
    expect(scheme.code).toBe('INVALID_REQUEST');
    expect(scheme.message).toMatch(/http\(s\)/);
    const notKey = await refusal(
      resolveVerifyTarget(project(), { keyring: { kind: 'armored', text: 'hello' } }),
    );
    expect(notKey.code).toBe('INVALID_KEYRING');
    const device = await refusal(
      resolveVerifyTarget(project(), { keyring: { kind: 'file', path: '/dev/zero' } }),
    );
    expect(device.code).toBe('INVALID_KEYRING');
    expect(device.message).toMatch(/not a file/);
  });

  it('refuses a stored release key that is not the pinned one', async () => {
    const other = await openpgp.generateKey({
      userIDs: [{ name: 'Other' }],
      type: 'ecc',
      curve: 'curve25519Legacy',
      format: 'object',
    });
    const error = await refusal(
      resolveVerifyTarget(
        project({
          releaseKey: { file: 'keys/release-key.asc', fingerprint: fingerprintOf(other.publicKey) },
        }),
        {},
      ),
    );
    expect(error.code).toBe('RELEASE_KEY_PIN_MISMATCH');
  });
});
