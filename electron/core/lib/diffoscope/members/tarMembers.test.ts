import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CountersignError } from '../../../../../shared/errors';
import { UnpackBudget } from '../../archive/archiveLimits';
import { paxRecord, tarArchive } from '../../archive/testing/tarTestFixtures';
import { tarBlockWith } from '../testing/memberTestFixtures';
import { readTarMembers, type TarMemberHeader } from './tarMembers';

const budget = () => new UnpackBudget({ maxTotalBytes: 1e9, maxEntries: 1000, maxRatio: Infinity });

/** Every member's header and, for those with bytes, the bytes as text. */
async function read(
  tar: Buffer,
  readContent = true,
): Promise<(TarMemberHeader & { text?: string })[]> {
  const found: (TarMemberHeader & { text?: string })[] = [];
  // Odd chunk sizes, so headers and contents straddle chunks.
  const chunks = Array.from({ length: Math.ceil(tar.length / 333) }, (_, index) =>
    tar.subarray(index * 333, index * 333 + 333),
  );
  for await (const { header, content } of readTarMembers(Readable.from(chunks), budget())) {
    if (!readContent || !content) {
      found.push(header);
      continue;
    }
    const parts: Buffer[] = [];
    for await (const chunk of content) parts.push(chunk);
    found.push({ ...header, text: Buffer.concat(parts).toString('utf8') });
  }
  return found;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no refusal';
  } catch (error) {
    return error instanceof CountersignError ? error.code : String(error);
  }
}

describe('readTarMembers', () => {
  it('yields folders, files and both kinds of link with their names exactly as stored', async () => {
    const members = await read(
      tarArchive([
        { name: './', type: '5' },
        { name: './usr/bin/hello', data: 'hi\n' },
        { name: './usr/bin/hi', type: '1', linkName: './usr/bin/hello' },
        { name: './usr/lib/libx.so', type: '2', linkName: '/usr/lib/libx.so.1' },
      ]),
    );
    expect(
      members.map(({ path, type, size, linkTarget, text }) => ({
        path,
        type,
        size,
        linkTarget,
        text,
      })),
    ).toEqual([
      { path: './', type: 'dir', size: 0, linkTarget: null, text: undefined },
      { path: './usr/bin/hello', type: 'file', size: 3, linkTarget: null, text: 'hi\n' },
      {
        path: './usr/bin/hi',
        type: 'hardlink',
        size: 0,
        linkTarget: './usr/bin/hello',
        text: undefined,
      },
      {
        path: './usr/lib/libx.so',
        type: 'symlink',
        size: 0,
        linkTarget: '/usr/lib/libx.so.1',
        text: undefined,
      },
    ]);
  });

  it('reads hostile names as text rather than refusing them: they are never opened', async () => {
    const members = await read(
      tarArchive([
        { name: '../../etc/passwd', data: 'x' },
        { name: '/abs', data: 'y' },
        { name: '<script>alert(1)</script>\nline', data: 'z' },
      ]),
    );
    expect(members.map((entry) => entry.path)).toEqual([
      '../../etc/passwd',
      '/abs',
      '<script>alert(1)</script>\nline',
    ]);
  });

  it('reads mode, owner and mtime from the header', async () => {
    const tar = Buffer.concat([
      tarBlockWith(
        { name: './usr/bin/su', data: 'abc' },
        { mode: 0o4755, uid: 1000, mtime: 1_700_000_000, uname: 'builder', gname: 'staff' },
      ),
      Buffer.from('abc'),
      Buffer.alloc(509 + 1024),
    ]);
    expect(await read(tar)).toMatchObject([
      { mode: 0o4755, mtime: 1_700_000_000, owner: 'builder:staff (1000:0)', text: 'abc' },
    ]);
  });

  it('gives "uid:gid" when the tar names no owner', async () => {
    expect(await read(tarArchive([{ name: 'x', data: '1', magic: 'v7' }]))).toMatchObject([
      { owner: '0:0' },
    ]);
  });

  it('honours pax path, linkpath and mtime records, and GNU long names', async () => {
    const long = `./usr/share/${'d'.repeat(150)}/file`;
    const members = await read(
      tarArchive([
        {
          name: 'PaxHeader',
          type: 'x',
          data: paxRecord('path', './ünïcode') + paxRecord('mtime', '1700000000.5'),
        },
        { name: 'short', data: 'p' },
        { name: '././@LongLink', type: 'L', data: `${long}\0` },
        { name: 'cut', data: 'l' },
        { name: 'PaxHeader', type: 'x', data: paxRecord('linkpath', `/${'t'.repeat(120)}`) },
        { name: './link', type: '2', linkName: 'cut' },
      ]),
    );
    expect(members.map(({ path, mtime, linkTarget }) => ({ path, mtime, linkTarget }))).toEqual([
      { path: './ünïcode', mtime: 1700000000.5, linkTarget: null },
      { path: long, mtime: 0, linkTarget: null },
      { path: './link', mtime: 0, linkTarget: `/${'t'.repeat(120)}` },
    ]);
  });

  it('skips what a caller leaves unread and still finds the next member', async () => {
    const big = 'x'.repeat(200_000);
    const members = await read(
      tarArchive([
        { name: 'big', data: big },
        { name: 'after', data: 'ok' },
      ]),
      false,
    );
    expect(members.map((entry) => [entry.path, entry.size])).toEqual([
      ['big', 200_000],
      ['after', 2],
    ]);
  });

  it('calls devices and FIFOs "other" instead of refusing the package', async () => {
    const members = await read(
      tarArchive([
        { name: './dev/null', type: '3' },
        { name: './run/fifo', type: '6' },
      ]),
    );
    expect(members.map((entry) => entry.type)).toEqual(['other', 'other']);
  });

  it('refuses a truncated archive, a damaged header and a sparse file', async () => {
    const whole = tarArchive([{ name: 'a', data: 'x'.repeat(2000) }]);
    expect(await codeOf(read(whole.subarray(0, 1000)))).toBe('INVALID_ARCHIVE');
    expect(await codeOf(read(tarArchive([{ name: 'a', data: 'x' }], false)))).toBe(
      'INVALID_ARCHIVE',
    );
    expect(await codeOf(read(tarArchive([{ name: 'a', data: 'x', checksum: 1 }])))).toBe(
      'INVALID_ARCHIVE',
    );
    expect(await codeOf(read(tarArchive([{ name: 'a', type: 'S' }])))).toBe('UNSUPPORTED_ARCHIVE');
  });

  it('holds the entry count to the budget', async () => {
    const entries = Array.from({ length: 5 }, (_, index) => ({ name: `f${index}`, data: 'x' }));
    const small = new UnpackBudget({ maxTotalBytes: 1e9, maxEntries: 4, maxRatio: Infinity });
    const walk = async () => {
      let seen = 0;
      for await (const member of readTarMembers(Readable.from([tarArchive(entries)]), small)) {
        seen += member.header.path ? 1 : 0;
      }
      return seen;
    };
    expect(await codeOf(walk())).toBe('ARCHIVE_TOO_LARGE');
  });
});
