import { invalidArchive, unsupportedArchive } from './archiveErrors';
import { looksLikeTarHeader } from './tarHeader';

export type ArchiveFormat = 'zip' | 'tar' | 'gzip' | 'xz';

function startsWith(head: Uint8Array, bytes: number[]): boolean {
  return bytes.every((byte, index) => head[index] === byte);
}

const recompressHint = 'Ask CI to publish the artifacts as .zip, .tar, .tar.gz or .tar.xz.';

/**
 * The format from the first bytes (at least 512 for tar), never from the file
 * name: a hostile or careless source can call anything ".tar.gz".
 */
export function detectArchiveFormat(head: Uint8Array): ArchiveFormat {
  if (head.length === 0) throw invalidArchive('The archive is an empty file.');
  // "PK\3\4" opens a zip with entries, "PK\5\6" is the end record of an empty one.
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    return 'zip';
  }
  if (startsWith(head, [0x50, 0x4b, 0x07, 0x08])) {
    throw unsupportedArchive('The archive is a split (multi-part) zip.', recompressHint);
  }
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) {
    throw unsupportedArchive(
      'The archive is compressed with zstd, which Countersign does not read yet.',
      'Ask CI to publish .tar.xz or .tar.gz, or run "zstd -d" on it and give Countersign the .tar.',
    );
  }
  if (startsWith(head, [0x42, 0x5a, 0x68])) {
    throw unsupportedArchive('The archive is compressed with bzip2.', recompressHint);
  }
  // A tar that holds nothing is all zeros; anything else must have a real header.
  if (head.length >= 512 && head.subarray(0, 512).every((byte) => byte === 0)) return 'tar';
  if (looksLikeTarHeader(head)) return 'tar';
  throw unsupportedArchive('The file is not a zip, tar, tar.gz or tar.xz archive.', recompressHint);
}
