import { invalidDeb } from './debErrors';

/** Every ar archive, and so every .deb, opens with these 8 bytes. */
export const AR_MAGIC = Buffer.from('!<arch>\n', 'latin1');
export const AR_HEADER_SIZE = 60;

/** One member of an ar archive: where its data starts and how long it is. */
export interface ArMember {
  name: string;
  dataOffset: number;
  size: number;
  /** Where the next member's header starts: data is padded to an even size. */
  nextOffset: number;
}

/**
 * Parses the 60-byte header at `offset`: name (16, GNU ar ends it with "/"),
 * mtime, uid, gid, mode, decimal size (10), then the two bytes "`\n".
 */
export function parseArHeader(header: Buffer, offset: number): ArMember {
  if (header.length !== AR_HEADER_SIZE || header.toString('latin1', 58, 60) !== '`\n') {
    throw invalidDeb(`The package has a damaged ar member header at byte ${offset}.`);
  }
  const name = header.toString('latin1', 0, 16).trimEnd().replace(/\/$/, '');
  const sizeText = header.toString('latin1', 48, 58).trim();
  if (!/^[0-9]{1,10}$/.test(sizeText)) {
    throw invalidDeb(`The package's ar member ${JSON.stringify(name)} has no valid size.`);
  }
  const size = Number(sizeText);
  const dataOffset = offset + AR_HEADER_SIZE;
  return { name, dataOffset, size, nextOffset: dataOffset + size + (size % 2) };
}
