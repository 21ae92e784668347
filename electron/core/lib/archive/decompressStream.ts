import { pipeline, Readable, type Transform } from 'node:stream';
import { createGunzip, createInflateRaw } from 'node:zlib';
import { CountersignError } from '../../../../shared/errors';
import { invalidArchive } from './archiveErrors';
import type { ArchiveFormat } from './archiveFormat';
import { xzDecompress } from './xzDecoder';

/** Chunks of bytes, as a stream or generator yields them (or an array, for bytes already in memory). */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** Our own refusals pass through; a decompressor's complaint means the data is damaged. */
function asArchiveError(error: unknown, label: string): unknown {
  if (error instanceof CountersignError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return invalidArchive(`The ${label} data is damaged or truncated (${detail}).`);
}

/**
 * Runs chunks through a zlib transform with backpressure: the source is pulled
 * one chunk ahead at most, so a bomb's compressed bytes are counted as they are
 * used rather than read far ahead.
 */
async function* throughZlib(
  source: ByteSource,
  transform: Transform,
  label: string,
): AsyncGenerator<Buffer> {
  const feed = Readable.from(source, { highWaterMark: 1 });
  // Errors surface through iterating `transform`; the callback only has to exist.
  pipeline(feed, transform, () => undefined);
  try {
    for await (const chunk of transform) yield chunk as Buffer;
  } catch (error) {
    throw asArchiveError(error, label);
  } finally {
    feed.destroy();
    transform.destroy();
  }
}

/** Raw deflate, zip's method 8. */
export function inflateRaw(source: ByteSource): AsyncGenerator<Buffer> {
  return throughZlib(source, createInflateRaw(), 'deflate');
}

/** The tar stream inside an archive of the given format, decompressed as it is read. */
export async function* tarBytes(
  format: Exclude<ArchiveFormat, 'zip'>,
  source: ByteSource,
): AsyncGenerator<Buffer> {
  if (format === 'gzip') {
    yield* throughZlib(source, createGunzip(), 'gzip');
  } else if (format === 'xz') {
    try {
      yield* xzDecompress(source);
    } catch (error) {
      throw asArchiveError(error, 'xz');
    }
  } else {
    for await (const chunk of source)
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
  }
}
