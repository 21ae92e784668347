import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CountersignError } from '../../../../shared/errors';
import { xzDecompress } from '../archive/xzDecoder';

export type IndexCompression = 'xz' | 'gz' | 'plain';

/** How an index file's name tells its compression, as apt reads it. */
export function compressionOf(path: string): IndexCompression {
  if (path.endsWith('.xz')) return 'xz';
  if (path.endsWith('.gz')) return 'gz';
  return 'plain';
}

function unpacked(bytes: Uint8Array, compression: IndexCompression): AsyncIterable<Uint8Array> {
  if (compression === 'plain') return Readable.from([bytes]);
  if (compression === 'gz') {
    const gunzip = createGunzip();
    gunzip.end(bytes);
    return gunzip;
  }
  return xzDecompress([bytes]);
}

/**
 * The unpacked bytes of an index, chunk by chunk, refusing to produce more than
 * `maxBytes`: a few KiB of xz can unpack to gigabytes, and the hash in Release
 * vouches only for the packed file, not for what it costs to unpack.
 */
export async function* decompressIndex(
  bytes: Uint8Array,
  compression: IndexCompression,
  maxBytes: number,
  label: string,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  let tooBig: CountersignError | null = null;
  try {
    for await (const piece of unpacked(bytes, compression)) {
      total += piece.length;
      if (total > maxBytes) {
        throw (tooBig = new CountersignError(
          'INVALID_REPOSITORY',
          `${label} unpacks to more than ${Math.round(maxBytes / 1024 / 1024)} MiB, more than any real package index.`,
          'The repository is damaged or hostile; ask its owner to republish it.',
        ));
      }
      yield piece;
    }
  } catch (error) {
    if (error === tooBig) throw error;
    throw new CountersignError(
      'INVALID_REPOSITORY',
      `${label} matches its hash in Release but cannot be unpacked as ${compression} (${error instanceof Error ? error.message : String(error)}).`,
      'The repository was published with a broken index; ask its owner to republish it.',
    );
  }
}
