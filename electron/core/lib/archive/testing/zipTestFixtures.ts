import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../crc32';

/**
 * Builds zip bytes in memory for unit tests, including records no honest tool
 * writes (a wrong CRC, a local name that differs, entries sharing data). Not used by the app.
 */
export interface ZipFixtureEntry {
  name: string;
  data?: Buffer | string;
  /** 0 stored (default), 8 deflated, or any other number to test refusals. */
  method?: number;
  /** Unix mode, stored in the upper 16 bits of the external attributes. */
  mode?: number;
  flags?: number;
  crc?: number;
  uncompressedSize?: number;
  /** The name in the local header, when it must differ from the central one. */
  localName?: string;
  /** Point this central record at an earlier entry's local header (by index). */
  sharesDataWith?: number;
}

export function zipArchive(entries: ZipFixtureEntry[], options: { disk?: number } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data =
      typeof entry.data === 'string' ? Buffer.from(entry.data) : (entry.data ?? Buffer.alloc(0));
    const method = entry.method ?? 0;
    const stored = method === 8 ? deflateRawSync(data) : data;
    const name = Buffer.from(entry.name);
    const localName = Buffer.from(entry.localName ?? entry.name);
    const crc = entry.crc ?? crc32(data);
    const size = entry.uncompressedSize ?? data.length;
    let localOffset = offset;
    if (entry.sharesDataWith === undefined) {
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(entry.flags ?? 0, 6);
      local.writeUInt16LE(method, 8);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(stored.length, 18);
      local.writeUInt32LE(size, 22);
      local.writeUInt16LE(localName.length, 26);
      locals.push(local, localName, stored);
      offset += 30 + localName.length + stored.length;
    } else {
      localOffset = offsets[entry.sharesDataWith] ?? 0;
    }
    offsets.push(localOffset);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.flags ?? 0, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((entry.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(localOffset, 42);
    centrals.push(central, name);
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.disk ?? 0, 4);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
