import { describe, expect, it } from 'vitest';
import { readReleaseKey } from './readReleaseKey';
import { generatedKey, refusal, TEST_PASSPHRASE } from './testing/generatedKeys';
import { unlockReleaseKey, withUnlockedKey } from './unlockReleaseKey';

describe('unlockReleaseKey', () => {
  it('unlocks a copy with the right passphrase and leaves the imported key encrypted', async () => {
    const key = await readReleaseKey((await generatedKey()).armored);
    const unlocked = await unlockReleaseKey(key, TEST_PASSPHRASE);
    expect(unlocked.key.isDecrypted()).toBe(true);
    expect(unlocked.info).toBe(key.info);
    expect(key.key.isDecrypted()).toBe(false);
  });

  it('refuses a wrong passphrase without repeating it', async () => {
    const key = await readReleaseKey((await generatedKey()).armored);
    const error = await refusal(unlockReleaseKey(key, 'hunter2-wrong'));
    expect(error.code).toBe('WRONG_PASSPHRASE');
    expect(JSON.stringify(error.toAppError())).not.toContain('hunter2');
  });

  it('refuses an empty passphrase for a protected key, saying none was given', async () => {
    const key = await readReleaseKey((await generatedKey()).armored);
    const error = await refusal(unlockReleaseKey(key, ''));
    expect(error.code).toBe('WRONG_PASSPHRASE');
    expect(error.message).toContain('none was given');
  });

  it('needs no passphrase for an unprotected key that was allowed', async () => {
    const key = await readReleaseKey((await generatedKey({ passphrase: '' })).armored, {
      allowUnprotected: true,
    });
    await withUnlockedKey(key, '', (unlocked) => {
      expect(unlocked.key.isDecrypted()).toBe(true);
      return Promise.resolve();
    });
    // Clearing the unlocked copy did not clear the imported key.
    expect(key.key.isDecrypted()).toBe(true);
  });
});

describe('withUnlockedKey', () => {
  it('clears the unlocked copy afterwards, also when the work fails', async () => {
    const key = await readReleaseKey((await generatedKey()).armored);
    let seen: Awaited<ReturnType<typeof unlockReleaseKey>> | undefined;
    const result = await withUnlockedKey(key, TEST_PASSPHRASE, (unlocked) => {
      seen = unlocked;
      return Promise.resolve(42);
    });
    expect(result).toBe(42);
    expect(seen?.key.isDecrypted()).toBe(false);

    await expect(
      withUnlockedKey(key, TEST_PASSPHRASE, (unlocked) => {
        seen = unlocked;
        return Promise.reject(new Error('disk full'));
      }),
    ).rejects.toThrow('disk full');
    expect(seen?.key.isDecrypted()).toBe(false);
  });
});
