import * as openpgp from 'openpgp';
import { describe, expect, it } from 'vitest';
import { readReleaseKey } from './readReleaseKey';
import { sha256SumsText, signSha256Sums } from './sha256Sums';
import { generatedKey, refusal, TEST_PASSPHRASE } from './testing/generatedKeys';
import { withUnlockedKey } from './unlockReleaseKey';

const A = 'a'.repeat(64);
const B = 'B'.repeat(64);

describe('sha256SumsText', () => {
  it('writes one "<hash>  <name>" line per file, sorted by the bytes of the name', () => {
    const text = sha256SumsText([
      { name: 'b.tar.gz', sha256: A },
      { name: 'B.whl', sha256: B },
      { name: 'dist/ä.zip', sha256: A },
      { name: 'dist/z.zip', sha256: A },
    ]);
    expect(text).toBe(
      [
        `${'b'.repeat(64)}  B.whl`,
        `${A}  b.tar.gz`,
        `${A}  dist/z.zip`,
        `${A}  dist/ä.zip`,
        '',
      ].join('\n'),
    );
  });

  it('is empty for no files', () => {
    expect(sha256SumsText([])).toBe('');
  });

  it.each([
    ['a newline', 'evil\nffff  /etc/passwd'],
    ['a carriage return', 'a\r'],
    ['a backslash', 'a\\b'],
    ['an absolute path', '/etc/passwd'],
    ['a parent folder', '../outside.tar.gz'],
    ['a parent folder inside', 'dist/../../outside'],
    ['a "." part', './a'],
    ['an empty part', 'dist//a'],
    ['an empty name', ''],
  ])('refuses a name with %s', async (_what, name) => {
    const error = await refusal(
      Promise.resolve().then(() => sha256SumsText([{ name, sha256: A }])),
    );
    expect(error.code).toBe('INVALID_CHECKSUM_ENTRY');
  });

  it('refuses a malformed hash and a name listed twice', async () => {
    const bad = await refusal(
      Promise.resolve().then(() => sha256SumsText([{ name: 'a', sha256: 'abc' }])),
    );
    expect(bad.code).toBe('INVALID_CHECKSUM_ENTRY');
    const twice = await refusal(
      Promise.resolve().then(() =>
        sha256SumsText([
          { name: 'a', sha256: A },
          { name: 'a', sha256: A },
        ]),
      ),
    );
    expect(twice.message).toContain('listed twice');
  });
});

describe('signSha256Sums', () => {
  it('signs the exact SHA256SUMS text it returns', async () => {
    const { armored, publicKey } = await generatedKey();
    const key = await readReleaseKey(armored);
    const date = new Date();
    const { sha256sums, asc } = await withUnlockedKey(key, TEST_PASSPHRASE, (unlocked) =>
      signSha256Sums(unlocked, [{ name: 'hello.tar.gz', sha256: A }], date),
    );
    expect(sha256sums).toBe(`${A}  hello.tar.gz\n`);
    const { signatures } = await openpgp.verify({
      message: await openpgp.createMessage({ binary: Buffer.from(sha256sums) }),
      signature: await openpgp.readSignature({ armoredSignature: asc }),
      verificationKeys: publicKey,
      date,
    });
    await expect(signatures[0]?.verified).resolves.toBe(true);
  });
});
