import { invalidArchive, throwIfAborted, unsupportedArchive } from '../../archive/archiveErrors';
import type { UnpackBudget } from '../../archive/archiveLimits';
import { ByteCursor } from '../../archive/byteCursor';
import { decodeEntryName } from '../../archive/entryPath';
import { parsePaxRecords } from '../../archive/paxHeader';
import { BLOCK, isZeroBlock, parseTarHeader, parseTarNumber } from '../../archive/tarHeader';

export type DebMemberType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

/** One tar entry as dpkg would install it: its raw name and every attribute that matters. */
export interface TarMemberHeader {
  /** The name exactly as the tar holds it ("./usr/bin/x", "./usr/"): hostile text, never a path to open. */
  path: string;
  type: DebMemberType;
  /** Bytes of content (0 for folders and links). */
  size: number;
  /** Permission bits, setuid/setgid/sticky included. */
  mode: number;
  /** Seconds since the epoch (pax may give a fraction). */
  mtime: number;
  /** A link's target; null for everything else. */
  linkTarget: string | null;
  /** "root:root (0:0)", or "uid:gid" when the tar names no user. */
  owner: string;
}

export interface TarMember {
  header: TarMemberHeader;
  /** The entry's bytes, for entries that carry any (files, unknown types); what is not read is skipped. */
  content: AsyncIterable<Buffer> | null;
}

const CHUNK = 64 * 1024;
/** Long names and pax headers are held in memory; honest ones are a few hundred bytes. */
const MAX_METADATA_BYTES = 1024 * 1024;

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function field(block: Uint8Array, offset: number, length: number): string {
  const bytes = block.subarray(offset, offset + length);
  const nul = bytes.indexOf(0);
  return decodeEntryName(nul === -1 ? bytes : bytes.subarray(0, nul));
}

function paxNumber(value: string | undefined, what: string, pattern: RegExp): number | undefined {
  if (value === undefined) return undefined;
  if (!pattern.test(value))
    throw invalidArchive(`A pax header gives a ${what} that is not a number.`);
  return Number(value);
}

const INTEGER = /^[0-9]{1,16}$/;
const TIME = /^-?[0-9]{1,16}(\.[0-9]{1,9})?$/;

function typeOf(flag: string, name: string): DebMemberType {
  if (flag === '5' || flag === 'D') return 'dir';
  if (flag === '0' || flag === '\0' || flag === '7') return name.endsWith('/') ? 'dir' : 'file';
  if (flag === '1') return 'hardlink';
  if (flag === '2') return 'symlink';
  return 'other';
}

/**
 * Reads a tar stream and yields every entry, folders and links included, with
 * the metadata dpkg installs (mode, owner, mtime, link target). Unlike the
 * artifact reader (`readTarStream`), nothing is refused for its name or its
 * link target: names are only ever compared and shown, never opened, and a
 * Debian package legitimately holds absolute symlinks. Header checksums are
 * verified, long names and pax records honoured, sizes and entry counts held
 * to `budget`. After the end-of-archive marker the input is read to its end,
 * so a decompressor below checks its trailer. Memory is constant.
 */
export async function* readTarMembers(
  source: AsyncIterable<Buffer>,
  budget: UnpackBudget,
  signal?: AbortSignal,
): AsyncGenerator<TarMember> {
  const iterator = source[Symbol.asyncIterator]();
  const cursor = new ByteCursor(iterator);
  let global = new Map<string, string>();
  let local = new Map<string, string>();
  let longName: string | undefined;
  let longLink: string | undefined;
  /** A pax value for the next entry; an empty local value cancels a global one. */
  const pax = (key: string): string | undefined => {
    const value = local.get(key) ?? global.get(key);
    return value === '' ? undefined : value;
  };

  const skip = async (length: number, what: string): Promise<void> => {
    if ((await cursor.skip(length)) < length) {
      throw invalidArchive(`The tar archive ends inside ${what} (truncated?).`);
    }
    budget.checkTotal(cursor.position);
  };
  const readMetadata = async (size: number): Promise<Buffer> => {
    if (size > MAX_METADATA_BYTES)
      throw invalidArchive('A tar metadata header is implausibly large.');
    const data = await cursor.read(size);
    if (size > 0 && (data === null || data.length < size)) {
      throw invalidArchive('The tar archive ends inside a metadata header (truncated?).');
    }
    await skip(padding(size), 'a metadata header');
    return data ?? Buffer.alloc(0);
  };

  try {
    for (;;) {
      throwIfAborted(signal);
      const block = await cursor.read(BLOCK);
      if (block === null) {
        throw invalidArchive(
          'The tar archive ends without its end-of-archive marker (truncated?).',
        );
      }
      if (block.length === BLOCK && isZeroBlock(block)) break;
      budget.checkTotal(cursor.position);
      const header = parseTarHeader(block);
      const flag = header.typeFlag;
      if (flag === 'x' || flag === 'g') {
        const records = parsePaxRecords(await readMetadata(header.size));
        for (const key of records.keys()) {
          if (key.startsWith('GNU.sparse.')) {
            throw unsupportedArchive(
              'The tar archive holds a GNU sparse file.',
              'Rebuild the package with dpkg-deb.',
            );
          }
        }
        if (flag === 'x') local = new Map([...local, ...records]);
        else global = new Map([...global, ...records]);
        continue;
      }
      if (flag === 'L' || flag === 'K') {
        const data = await readMetadata(header.size);
        const nul = data.indexOf(0);
        const text = decodeEntryName(nul === -1 ? data : data.subarray(0, nul));
        if (flag === 'L') longName = text;
        else longLink = text;
        continue;
      }
      if (flag === 'V') {
        await skip(header.size + padding(header.size), 'a volume label');
        continue;
      }
      if (flag === 'S') {
        throw unsupportedArchive(
          'The tar archive holds a GNU sparse file.',
          'Rebuild the package with dpkg-deb.',
        );
      }

      const ustar = header.magic !== 'v7';
      const uid = paxNumber(pax('uid'), 'uid', INTEGER) ?? parseTarNumber(block, 108, 8, 'uid');
      const gid = paxNumber(pax('gid'), 'gid', INTEGER) ?? parseTarNumber(block, 116, 8, 'gid');
      const uname = pax('uname') ?? (ustar ? field(block, 265, 32) : '');
      const gname = pax('gname') ?? (ustar ? field(block, 297, 32) : '');
      const name = pax('path') ?? longName ?? header.name;
      const link = pax('linkpath') ?? longLink ?? header.linkName;
      const size = paxNumber(pax('size'), 'size', INTEGER) ?? header.size;
      const mtime =
        paxNumber(pax('mtime'), 'mtime', TIME) ?? parseTarNumber(block, 136, 12, 'mtime');
      local = new Map();
      longName = undefined;
      longLink = undefined;

      if (name === '') throw invalidArchive('A tar entry has an empty name.');
      if (name.includes('\0') || link.includes('\0')) {
        throw invalidArchive(`Entry ${JSON.stringify(name)} has a NUL byte in its name or link.`);
      }
      budget.countEntry();
      const type = typeOf(flag, name);
      const isLink = type === 'symlink' || type === 'hardlink';
      const member: TarMemberHeader = {
        path: name,
        type,
        size: type === 'file' || type === 'other' ? size : 0,
        mode: header.mode,
        mtime,
        linkTarget: isLink ? link : null,
        owner: uname || gname ? `${uname}:${gname} (${uid}:${gid})` : `${uid}:${gid}`,
      };
      if (member.size === 0) {
        yield { header: member, content: null };
        await skip(size + padding(size), `entry ${JSON.stringify(name)}`);
        continue;
      }
      budget.checkTotal(cursor.position + size);
      let remaining = size;
      const content = async function* (): AsyncGenerator<Buffer> {
        while (remaining > 0) {
          throwIfAborted(signal);
          const chunk = await cursor.take(Math.min(remaining, CHUNK));
          if (chunk === null) {
            throw invalidArchive(
              `The tar archive ends inside ${JSON.stringify(name)} (truncated?).`,
            );
          }
          remaining -= chunk.length;
          yield chunk;
        }
      };
      yield { header: member, content: content() };
      await skip(remaining + padding(size), `entry ${JSON.stringify(name)}`);
    }
    // The rest is padding; reading it lets gzip and xz verify their checksums.
    while ((await cursor.take(CHUNK)) !== null) budget.checkTotal(cursor.position);
  } finally {
    await iterator.return?.();
  }
}
