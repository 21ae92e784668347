/**
 * Builds .deb bytes and listings in memory for unit tests, including shapes no
 * honest dpkg-deb writes (duplicate names, hostile names). Not used by the app.
 */
import { gzipSync } from 'node:zlib';
import {
  tarArchive,
  tarHeaderBlock,
  type TarFixtureEntry,
} from '../../archive/testing/tarTestFixtures';
import type { DebMember } from '../members/listDebMembers';
import { memberIdOf, type DebContainer } from '../members/memberId';

/** An ar archive of [name, bytes] members, as dpkg-deb lays it out. */
export function arArchive(members: [string, Buffer | string][]): Buffer {
  const parts: Buffer[] = [Buffer.from('!<arch>\n')];
  for (const [name, content] of members) {
    const data = Buffer.from(content);
    const header = `${name.padEnd(16)}${'0'.padEnd(12)}${'0'.padEnd(6)}${'0'.padEnd(6)}${'100644'.padEnd(8)}${String(data.length).padEnd(10)}\`\n`;
    parts.push(Buffer.from(header, 'latin1'), data);
    if (data.length % 2) parts.push(Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

/** A .deb with gzip-compressed control.tar and data.tar made of these entries. */
export function debBytes(
  data: TarFixtureEntry[],
  control: TarFixtureEntry[] = defaultControl(),
): Buffer {
  return arArchive([
    ['debian-binary', '2.0\n'],
    ['control.tar.gz', gzipSync(tarArchive(control))],
    ['data.tar.gz', gzipSync(tarArchive(data))],
  ]);
}

export function defaultControl(): TarFixtureEntry[] {
  return [
    { name: './', type: '5' },
    { name: './control', data: 'Package: hello\nVersion: 1\nArchitecture: all\n' },
  ];
}

/** A header block with some fields rewritten and its checksum made right again. */
export function tarBlockWith(
  entry: TarFixtureEntry,
  fields: { mode?: number; uid?: number; mtime?: number; uname?: string; gname?: string },
): Buffer {
  const block = tarHeaderBlock(entry);
  const octal = (offset: number, length: number, value: number) =>
    block.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'latin1');
  if (fields.mode !== undefined) octal(100, 8, fields.mode);
  if (fields.uid !== undefined) octal(108, 8, fields.uid);
  if (fields.mtime !== undefined) octal(136, 12, fields.mtime);
  if (fields.uname !== undefined) block.write(fields.uname.padEnd(32, '\0'), 265, 32, 'latin1');
  if (fields.gname !== undefined) block.write(fields.gname.padEnd(32, '\0'), 297, 32, 'latin1');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return block;
}

/** A listed member with plausible defaults: a root-owned 0644 file. */
export function member(
  path: string,
  overrides: Partial<DebMember> = {},
  container: DebContainer = 'data.tar',
): DebMember {
  return {
    id: memberIdOf(container, path),
    container,
    path,
    type: 'file',
    size: 3,
    sha256: 'a'.repeat(64),
    mode: 0o644,
    mtime: 1_700_000_000,
    linkTarget: null,
    owner: 'root:root (0:0)',
    ...overrides,
  };
}
