import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readReleaseKey } from './readReleaseKey';
import { loadReleaseKey, RELEASE_KEY_FILE, storeReleaseKey } from './releaseKeyStore';
import { generatedKey, refusal } from './testing/generatedKeys';

let project: string;

beforeEach(async () => {
  project = await mkdtemp(join(tmpdir(), 'cs-release-key-'));
});
afterEach(async () => {
  await rm(project, { recursive: true, force: true });
});

describe('storeReleaseKey', () => {
  it('stores the armored key exactly as given, still encrypted, readable by its owner only', async () => {
    const { armored } = await generatedKey();
    const key = await readReleaseKey(armored);
    const relative = await storeReleaseKey(project, key);
    expect(relative).toBe(RELEASE_KEY_FILE);
    const file = join(project, relative);
    expect(await readFile(file, 'utf8')).toBe(armored);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const stored = await openpgp.readPrivateKey({ armoredKey: await readFile(file, 'utf8') });
    expect(stored.isDecrypted()).toBe(false);
  });
});

describe('loadReleaseKey', () => {
  it('reads back the pinned key', async () => {
    const key = await readReleaseKey((await generatedKey()).armored);
    const file = join(project, await storeReleaseKey(project, key));
    const pin = key.info.fingerprint.toLowerCase().replace(/(.{4})/g, '$1 ');
    const loaded = await loadReleaseKey(file, pin);
    expect(loaded.info).toEqual(key.info);
  });

  it('refuses a key file that holds another key than the pinned one', async () => {
    const key = await readReleaseKey((await generatedKey()).armored);
    const other = await readReleaseKey((await generatedKey()).armored);
    const file = join(project, await storeReleaseKey(project, other));
    const error = await refusal(loadReleaseKey(file, key.info.fingerprint));
    expect(error.code).toBe('RELEASE_KEY_PIN_MISMATCH');
  });

  it('says the key is missing and how to import it', async () => {
    const error = await refusal(loadReleaseKey(join(project, RELEASE_KEY_FILE), 'A'.repeat(40)));
    expect(error.code).toBe('RELEASE_KEY_MISSING');
    expect(error.hint).toContain('Import the release key');
  });

  it('checks the key again as of the date given', async () => {
    const { armored } = await generatedKey({
      date: new Date('2020-01-01T00:00:00Z'),
      keyExpirationTime: 3600,
    });
    const key = await readReleaseKey(armored, { date: new Date('2020-01-01T00:30:00Z') });
    const file = join(project, await storeReleaseKey(project, key));
    const error = await refusal(loadReleaseKey(file, key.info.fingerprint));
    expect(error.code).toBe('KEY_EXPIRED');
  });

  it('refuses a key file replaced by a public key', async () => {
    const { armored, publicKey } = await generatedKey();
    const key = await readReleaseKey(armored);
    const file = join(project, await storeReleaseKey(project, key));
    await writeFile(file, publicKey.armor());
    expect((await refusal(loadReleaseKey(file, key.info.fingerprint))).code).toBe(
      'NOT_A_PRIVATE_KEY',
    );
  });
});
