import { invalidArchive } from './archiveErrors';
import { decodeEntryName } from './entryPath';

export const BLOCK = 512;

/** The fields of one 512-byte tar header that reading needs (ustar, GNU and v7 layouts). */
export interface TarHeader {
  /** prefix + "/" + name for POSIX ustar; name alone otherwise. Still raw: not yet checked for safety. */
  name: string;
  linkName: string;
  size: number;
  mode: number;
  typeFlag: string;
  magic: 'ustar' | 'gnu' | 'v7';
}

function field(block: Uint8Array, offset: number, length: number): Uint8Array {
  const bytes = block.subarray(offset, offset + length);
  const nul = bytes.indexOf(0);
  return nul === -1 ? bytes : bytes.subarray(0, nul);
}

/**
 * A numeric field: octal ASCII padded with spaces or NULs, or GNU's base-256
 * (top bit set) for sizes of 8 GiB and more. Anything else is a damaged header.
 */
export function parseTarNumber(
  block: Uint8Array,
  offset: number,
  length: number,
  what: string,
): number {
  const bytes = block.subarray(offset, offset + length);
  const first = bytes[0] ?? 0;
  if (first & 0x80) {
    if (first === 0xff) throw invalidArchive(`A tar header has a negative ${what}.`);
    let value = first & 0x7f;
    for (const byte of bytes.subarray(1)) {
      value = value * 256 + byte;
      if (value > Number.MAX_SAFE_INTEGER) {
        throw invalidArchive(`A tar header's ${what} is too large.`);
      }
    }
    return value;
  }
  const text = Buffer.from(bytes)
    .toString('latin1')
    .replace(/[\0 ]+$/, '')
    .replace(/^ +/, '');
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) {
    throw invalidArchive(`A tar header's ${what} is not an octal number.`);
  }
  return parseInt(text, 8);
}

/** Sums of the header with the checksum field read as spaces: POSIX uses unsigned bytes, old Sun tar signed. */
function checksums(block: Uint8Array): { unsigned: number; signed: number } {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i += 1) {
    const byte = i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return { unsigned, signed };
}

/** The end-of-archive marker is a block of zeros. */
export function isZeroBlock(block: Uint8Array): boolean {
  for (const byte of block) if (byte !== 0) return false;
  return true;
}

function hasValidChecksum(block: Uint8Array): boolean {
  let stored: number;
  try {
    stored = parseTarNumber(block, 148, 8, 'checksum');
  } catch {
    return false;
  }
  const { unsigned, signed } = checksums(block);
  return stored === unsigned || stored === signed;
}

/** Format detection: "ustar" at offset 257, or an old-style header whose checksum holds. */
export function looksLikeTarHeader(block: Uint8Array): boolean {
  if (block.length < BLOCK) return false;
  if (Buffer.from(block.subarray(257, 262)).toString('latin1') === 'ustar') return true;
  return !isZeroBlock(block.subarray(0, BLOCK)) && hasValidChecksum(block);
}

/** Parses one header block; throws INVALID_ARCHIVE when its checksum or a number is wrong. */
export function parseTarHeader(block: Uint8Array): TarHeader {
  if (block.length !== BLOCK) {
    throw invalidArchive('The tar archive ends inside a header (truncated?).');
  }
  if (!hasValidChecksum(block)) {
    throw invalidArchive(
      'A tar header has a wrong checksum: the archive is damaged or not a tar archive.',
    );
  }
  const magicBytes = Buffer.from(block.subarray(257, 265)).toString('latin1');
  const magic =
    magicBytes === 'ustar\x0000' ? 'ustar' : magicBytes.startsWith('ustar') ? 'gnu' : 'v7';
  let name = decodeEntryName(field(block, 0, 100));
  // Only POSIX ustar has a prefix; GNU tar keeps access and change times there.
  if (magic === 'ustar') {
    const prefix = decodeEntryName(field(block, 345, 155));
    if (prefix !== '') name = `${prefix}/${name}`;
  }
  return {
    name,
    linkName: decodeEntryName(field(block, 157, 100)),
    size: parseTarNumber(block, 124, 12, 'size'),
    mode: parseTarNumber(block, 100, 8, 'mode'),
    typeFlag: String.fromCharCode(block[156] ?? 0),
    magic,
  };
}
