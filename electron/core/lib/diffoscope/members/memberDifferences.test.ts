import { describe, expect, it } from 'vitest';
import { compareMemberListings } from './memberDifferences';
import { member } from '../testing/memberTestFixtures';

describe('compareMemberListings', () => {
  it('lists nothing for identical listings', () => {
    const listing = [member('./'), member('./usr/bin/hello')];
    expect(
      compareMemberListings(
        listing,
        listing.map((entry) => ({ ...entry })),
      ),
    ).toEqual([]);
  });

  it('lists a file whose bytes differ, with both sizes', () => {
    const ci = [member('./usr/bin/hello', { size: 10, sha256: '1'.repeat(64) })];
    const local = [member('./usr/bin/hello', { size: 12, sha256: '2'.repeat(64) })];
    expect(compareMemberListings(ci, local)).toEqual([
      {
        id: 'data.tar ▸ ./usr/bin/hello',
        path: './usr/bin/hello',
        status: 'differs',
        ciSize: 10,
        localSize: 12,
      },
    ]);
  });

  it('lists members present on one side only, with the other size null', () => {
    const ci = [member('./usr/share/doc/a', { size: 5 })];
    const local = [member('./usr/share/doc/b', { size: 7 })];
    expect(compareMemberListings(ci, local)).toEqual([
      {
        id: 'data.tar ▸ ./usr/share/doc/a',
        path: './usr/share/doc/a',
        status: 'only-ci',
        ciSize: 5,
        localSize: null,
      },
      {
        id: 'data.tar ▸ ./usr/share/doc/b',
        path: './usr/share/doc/b',
        status: 'only-local',
        ciSize: null,
        localSize: 7,
      },
    ]);
  });

  it('lists a file whose mode alone changed (a setuid bit is a difference)', () => {
    const ci = [member('./usr/bin/hello', { mode: 0o755 })];
    const local = [member('./usr/bin/hello', { mode: 0o4755 })];
    expect(compareMemberListings(ci, local).map((entry) => entry.status)).toEqual(['differs']);
  });

  it('lists a folder whose mode or owner changed', () => {
    const folder = { type: 'dir' as const, size: 0, sha256: null };
    const ci = [member('./etc/', { ...folder, mode: 0o755 }), member('./var/', folder)];
    const local = [
      member('./etc/', { ...folder, mode: 0o777 }),
      member('./var/', { ...folder, owner: 'builder:builder (1000:1000)' }),
    ];
    expect(compareMemberListings(ci, local).map((entry) => entry.id)).toEqual([
      'data.tar ▸ ./etc/',
      'data.tar ▸ ./var/',
    ]);
  });

  it('lists a symbolic link whose target changed, though neither has bytes', () => {
    const link = { type: 'symlink' as const, size: 0, sha256: null };
    const ci = [member('./usr/bin/x', { ...link, linkTarget: 'x.real' })];
    const local = [member('./usr/bin/x', { ...link, linkTarget: '/tmp/x' })];
    expect(compareMemberListings(ci, local)).toMatchObject([{ status: 'differs', ciSize: 0 }]);
  });

  it('lists a member that changed type (a file became a link)', () => {
    const ci = [member('./usr/lib/libx.so')];
    const local = [
      member('./usr/lib/libx.so', { type: 'symlink', size: 0, sha256: null, linkTarget: 'y' }),
    ];
    expect(compareMemberListings(ci, local)).toHaveLength(1);
  });

  it('ignores a timestamp alone (diffoscope’s file list shows those)', () => {
    const ci = [member('./usr/bin/hello', { mtime: 1 })];
    const local = [member('./usr/bin/hello', { mtime: 2 })];
    expect(compareMemberListings(ci, local)).toEqual([]);
  });

  it('sorts by id in code-unit order, control.tar before data.tar, whatever the input order', () => {
    const ci = [
      member('./usr/b', { sha256: '1'.repeat(64) }),
      member('./usr/B', { sha256: '1'.repeat(64) }),
      member('./md5sums', { sha256: '1'.repeat(64) }, 'control.tar'),
      member('./usr/a', { sha256: '1'.repeat(64) }),
    ];
    const local = [
      member('./usr/a'),
      member('./usr/b'),
      member('./usr/B'),
      member('./md5sums', {}, 'control.tar'),
      member('./usr/ä'),
    ];
    expect(compareMemberListings(ci, local).map((entry) => entry.id)).toEqual([
      'control.tar ▸ ./md5sums',
      'data.tar ▸ ./usr/B',
      'data.tar ▸ ./usr/a',
      'data.tar ▸ ./usr/b',
      'data.tar ▸ ./usr/ä',
    ]);
  });

  it('keeps a control member apart from a data member of the same name', () => {
    const ci = [member('./postinst', {}, 'control.tar')];
    const local = [member('./postinst', {}, 'data.tar')];
    expect(compareMemberListings(ci, local).map((entry) => [entry.id, entry.status])).toEqual([
      ['control.tar ▸ ./postinst', 'only-ci'],
      ['data.tar ▸ ./postinst', 'only-local'],
    ]);
  });
});
