import { normaliseEntryPath } from '../archive/entryPath';
import { BLOCK, isZeroBlock, parseTarHeader } from '../archive/tarHeader';

/**
 * The `control` file of an in-memory control.tar, found by walking its
 * headers synchronously: the common case (plain ustar or GNU headers, regular
 * files and folders) without the streaming reader's machinery, which costs
 * more than the whole package's hashing. Returns undefined for anything
 * unusual (PAX or long-name headers, links, damage, truncation) so the full
 * reader, with its checks and its words for the user, decides.
 */
export function plainTarControl(tar: Buffer, maxControlBytes: number): Buffer | undefined {
  try {
    for (let at = 0; at + BLOCK <= tar.length;) {
      const block = tar.subarray(at, at + BLOCK);
      if (isZeroBlock(block)) return undefined;
      const header = parseTarHeader(block);
      const regular = header.typeFlag === '0' || header.typeFlag === '\0';
      if (!regular && header.typeFlag !== '5') return undefined;
      const start = at + BLOCK;
      const end = start + header.size;
      if (end > tar.length) return undefined;
      if (regular && normaliseEntryPath(header.name) === 'control') {
        return header.size <= maxControlBytes ? tar.subarray(start, end) : undefined;
      }
      at = start + Math.ceil(header.size / BLOCK) * BLOCK;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
