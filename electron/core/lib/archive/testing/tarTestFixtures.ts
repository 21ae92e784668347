/**
 * Builds tar bytes in memory for unit tests, including headers no honest tool
 * writes (bad checksums, escaping links, devices). Not used by the app.
 */

export interface TarFixtureEntry {
  name: string;
  /** '0' file (default), '1' hard link, '2' symlink, '3' char device, '5' folder, '6' FIFO, 'x'/'g' pax, 'L'/'K' GNU long name, 'S' sparse. */
  type?: string;
  data?: Buffer | string;
  linkName?: string;
  /** Declared size when it must differ from the data's length. */
  size?: number;
  prefix?: string;
  /** Overrides the computed checksum (to make it wrong). */
  checksum?: number;
  magic?: 'ustar' | 'gnu' | 'v7';
}

function writeText(block: Buffer, offset: number, length: number, text: string): void {
  Buffer.from(text, 'utf8').copy(block, offset, 0, length);
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  writeText(block, offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
}

/** One 512-byte header with a correct checksum unless told otherwise. */
export function tarHeaderBlock(entry: TarFixtureEntry): Buffer {
  const block = Buffer.alloc(512);
  const data =
    typeof entry.data === 'string' ? Buffer.from(entry.data) : (entry.data ?? Buffer.alloc(0));
  writeText(block, 0, 100, entry.name);
  writeOctal(block, 100, 8, 0o644);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, entry.size ?? data.length);
  writeOctal(block, 136, 12, 0);
  block.write(entry.type ?? '0', 156, 'latin1');
  writeText(block, 157, 100, entry.linkName ?? '');
  const magic = entry.magic ?? 'ustar';
  if (magic === 'ustar') block.write('ustar\x0000', 257, 'latin1');
  if (magic === 'gnu') block.write('ustar  \0', 257, 'latin1');
  if (entry.prefix !== undefined) writeText(block, 345, 155, entry.prefix);
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  writeText(block, 148, 8, `${(entry.checksum ?? sum).toString(8).padStart(6, '0')}\0 `);
  return block;
}

/** Header, data padded to 512, for each entry; then the two zero blocks unless `end` is false. */
export function tarArchive(entries: TarFixtureEntry[], end = true): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const data =
      typeof entry.data === 'string' ? Buffer.from(entry.data) : (entry.data ?? Buffer.alloc(0));
    parts.push(tarHeaderBlock(entry), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  if (end) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** A pax record with its self-counting length prefix. */
export function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (Buffer.byteLength(`${length}${body}`) !== length) length += 1;
  return `${length}${body}`;
}
