import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountersignError } from '../../../../../shared/errors';
import { tarArchive } from '../../archive/testing/tarTestFixtures';
import { extractMember } from './extractMember';
import { listDebMembers } from './listDebMembers';
import { memberDifferences } from './memberDifferences';
import { arArchive, debBytes, defaultControl } from '../testing/memberTestFixtures';

let dir: string;
let counter = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cs-members-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function onDisk(bytes: Buffer, name = `p${(counter += 1)}.deb`): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, bytes);
  return file;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no refusal';
  } catch (error) {
    return error instanceof CountersignError ? error.code : String(error);
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const DATA = [
  { name: './', type: '5' },
  { name: './usr/bin/hello', data: 'echo hello\n' },
  { name: './usr/bin/hi', type: '2', linkName: 'hello' },
];

describe('listDebMembers', () => {
  it('lists control.tar and data.tar members in archive order, hashing each file', async () => {
    const members = await listDebMembers(await onDisk(debBytes(DATA)));
    expect(members.map(({ id, type, sha256: hash }) => [id, type, hash])).toEqual([
      ['control.tar ▸ ./', 'dir', null],
      [
        'control.tar ▸ ./control',
        'file',
        sha256('Package: hello\nVersion: 1\nArchitecture: all\n'),
      ],
      ['data.tar ▸ ./', 'dir', null],
      ['data.tar ▸ ./usr/bin/hello', 'file', sha256('echo hello\n')],
      ['data.tar ▸ ./usr/bin/hi', 'symlink', null],
    ]);
    expect(members[4]).toMatchObject({
      container: 'data.tar',
      path: './usr/bin/hi',
      linkTarget: 'hello',
    });
  });

  it('hashes an empty file as the empty string', async () => {
    const members = await listDebMembers(await onDisk(debBytes([{ name: './empty', data: '' }])));
    expect(members.at(-1)).toMatchObject({ size: 0, sha256: sha256('') });
  });

  it('refuses a package holding one name twice', async () => {
    const file = await onDisk(
      debBytes([
        { name: './usr/bin/x', data: 'first' },
        { name: './usr/bin/x', data: 'second' },
      ]),
    );
    expect(await codeOf(listDebMembers(file))).toBe('ARCHIVE_DUPLICATE_ENTRY');
  });

  it('refuses a truncated package, naming the file', async () => {
    const whole = debBytes(DATA);
    const file = await onDisk(whole.subarray(0, whole.length - 40), 'cut.deb');
    await expect(listDebMembers(file)).rejects.toMatchObject({
      code: 'INVALID_DEB',
      message: expect.stringContaining('"cut.deb"') as string,
    });
  });

  it('refuses damaged data as INVALID_DEB, naming the member', async () => {
    const data = gzipSync(tarArchive(DATA));
    data[data.length - 6] = (data[data.length - 6] ?? 0) ^ 0xff;
    const bytes = arArchive([
      ['debian-binary', '2.0\n'],
      ['control.tar.gz', gzipSync(tarArchive(defaultControl()))],
      ['data.tar.gz', data],
    ]);
    await expect(listDebMembers(await onDisk(bytes))).rejects.toMatchObject({
      code: 'INVALID_DEB',
      message: expect.stringContaining('data.tar.gz') as string,
    });
  });

  it('refuses zstd data with a message that names zstd', async () => {
    const bytes = arArchive([
      ['debian-binary', '2.0\n'],
      ['control.tar.gz', gzipSync(tarArchive(defaultControl()))],
      ['data.tar.zst', Buffer.from([0x28, 0xb5, 0x2f, 0xfd])],
    ]);
    await expect(listDebMembers(await onDisk(bytes))).rejects.toThrow(/zstd/);
  });

  it('refuses a file that is not a package, and one that is missing', async () => {
    expect(await codeOf(listDebMembers(await onDisk(Buffer.from('just text\n'))))).toBe(
      'INVALID_DEB',
    );
    expect(await codeOf(listDebMembers(join(dir, 'missing.deb')))).toBe('SOURCE_UNREADABLE');
  });

  it('stops with CANCELLED when its signal fires', async () => {
    const file = await onDisk(debBytes(DATA));
    expect(await codeOf(listDebMembers(file, { signal: AbortSignal.abort() }))).toBe('CANCELLED');
  });
});

describe('memberDifferences', () => {
  it('lists the members that differ between two packages on disk', async () => {
    const ci = await onDisk(debBytes(DATA));
    const local = await onDisk(
      debBytes([...DATA.slice(0, 2), { name: './usr/bin/hi', type: '2', linkName: '/bin/sh' }]),
    );
    expect(await memberDifferences(ci, local)).toEqual([
      {
        id: 'data.tar ▸ ./usr/bin/hi',
        path: './usr/bin/hi',
        status: 'differs',
        ciSize: 0,
        localSize: 0,
      },
    ]);
  });

  it('fails with the broken side’s refusal when one package is damaged', async () => {
    const ci = await onDisk(debBytes(DATA));
    const local = await onDisk(Buffer.from('!<arch>\nnot really'));
    expect(await codeOf(memberDifferences(ci, local))).toBe('INVALID_DEB');
  });
});

describe('extractMember', () => {
  it('writes exactly the member’s bytes to the file we choose', async () => {
    const deb = await onDisk(debBytes(DATA));
    const dest = join(dir, `out-${(counter += 1)}`);
    await extractMember(deb, 'data.tar ▸ ./usr/bin/hello', dest, {
      expectedSha256: sha256('echo hello\n'),
    });
    expect(await readFile(dest, 'utf8')).toBe('echo hello\n');
    expect((await stat(dest)).mode & 0o777).toBe(0o600);
  });

  it('extracts a control member', async () => {
    const deb = await onDisk(debBytes(DATA));
    const dest = join(dir, `out-${(counter += 1)}`);
    await extractMember(deb, 'control.tar ▸ ./control', dest);
    expect(await readFile(dest, 'utf8')).toMatch(/^Package: hello/);
  });

  it('never writes over an existing file', async () => {
    const deb = await onDisk(debBytes(DATA));
    const dest = join(dir, `out-${(counter += 1)}`);
    await writeFile(dest, 'keep me');
    await expect(extractMember(deb, 'data.tar ▸ ./usr/bin/hello', dest)).rejects.toThrow(/EEXIST/);
    expect(await readFile(dest, 'utf8')).toBe('keep me');
  });

  it('refuses bytes that no longer have the hash they were listed with, leaving no file', async () => {
    const deb = await onDisk(debBytes(DATA));
    const dest = join(dir, `out-${(counter += 1)}`);
    const extracting = extractMember(deb, 'data.tar ▸ ./usr/bin/hello', dest, {
      expectedSha256: sha256('other'),
    });
    expect(await codeOf(extracting)).toBe('PACKAGE_HASH_MISMATCH');
    await expect(stat(dest)).rejects.toThrow(/ENOENT/);
  });

  it('answers DIFFERENCE_NOT_FOUND for a missing member, a folder, a link or a malformed id', async () => {
    const deb = await onDisk(debBytes(DATA));
    for (const id of [
      'data.tar ▸ ./nope',
      'data.tar ▸ ./',
      'data.tar ▸ ./usr/bin/hi',
      'nonsense',
    ]) {
      expect(await codeOf(extractMember(deb, id, join(dir, `out-${(counter += 1)}`)))).toBe(
        'DIFFERENCE_NOT_FOUND',
      );
    }
  });

  it('refuses to pick one of two members with the same name, leaving no file', async () => {
    const deb = await onDisk(
      debBytes([
        { name: './x', data: 'first' },
        { name: './x', data: 'second' },
      ]),
    );
    const dest = join(dir, `out-${(counter += 1)}`);
    expect(await codeOf(extractMember(deb, 'data.tar ▸ ./x', dest))).toBe(
      'ARCHIVE_DUPLICATE_ENTRY',
    );
    await expect(stat(dest)).rejects.toThrow(/ENOENT/);
  });
});
