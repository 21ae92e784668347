import type { FileHandle } from 'node:fs/promises';
import { invalidArchive, throwIfAborted } from './archiveErrors';

const CHUNK = 64 * 1024;

/**
 * Positional reads through a 64 KiB window. A zip with many small entries
 * asks for a 30-byte header, a name and a few bytes of data per entry; served
 * from one read each instead of three, a 70 000-entry zip reads in a fraction
 * of the time. Returned buffers are never overwritten (each window is fresh).
 */
export class FileWindow {
  private window = Buffer.alloc(0);
  private windowStart = 0;

  constructor(private readonly handle: FileHandle) {}

  /** Exactly `length` bytes at `position`; INVALID_ARCHIVE when the file is shorter. */
  async read(position: number, length: number): Promise<Buffer> {
    const offset = position - this.windowStart;
    if (offset >= 0 && offset + length <= this.window.length) {
      return this.window.subarray(offset, offset + length);
    }
    const size = Math.max(length, CHUNK);
    const buffer = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await this.handle.read(
        buffer,
        filled,
        size - filled,
        position + filled,
      );
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled < length) {
      throw invalidArchive(
        'The archive ends before data it points to (truncated, or changed while being read?).',
      );
    }
    this.window = buffer.subarray(0, filled);
    this.windowStart = position;
    return this.window.subarray(0, length);
  }
}

/**
 * Reads `length` bytes from `start`, one chunk at a time, reporting each chunk
 * to `onRead` (for limits and progress) and stopping at an abort between chunks.
 */
export async function* readFileRange(
  file: FileWindow,
  start: number,
  length: number,
  onRead: (bytes: number) => void,
  signal?: AbortSignal,
): AsyncGenerator<Buffer> {
  for (let position = start; position < start + length;) {
    throwIfAborted(signal);
    const chunk = await file.read(position, Math.min(CHUNK, start + length - position));
    position += chunk.length;
    onRead(chunk.length);
    yield chunk;
  }
}
