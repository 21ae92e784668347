/**
 * Reads a chunked byte source in exact amounts without ever holding more than
 * one source chunk: the tar reader's view of its input.
 */
export class ByteCursor {
  private pending: Buffer = Buffer.alloc(0);
  private ended = false;
  /** Bytes handed out so far. */
  position = 0;

  constructor(private readonly source: AsyncIterator<Buffer | Uint8Array>) {}

  /** Up to `max` bytes (at least one), or null at the end of the source. */
  async take(max: number): Promise<Buffer | null> {
    if (this.pending.length === 0) {
      if (!(await this.fill())) return null;
    }
    const chunk = this.pending.subarray(0, max);
    this.pending = this.pending.subarray(chunk.length);
    this.position += chunk.length;
    return chunk;
  }

  /**
   * Exactly `length` bytes; null when the source ends before the first of them;
   * a shorter buffer when it ends part-way (the caller decides what that means).
   */
  async read(length: number): Promise<Buffer | null> {
    const first = await this.take(length);
    if (first === null || first.length === length) return first;
    const parts = [first];
    let have = first.length;
    while (have < length) {
      const next = await this.take(length - have);
      if (next === null) break;
      parts.push(next);
      have += next.length;
    }
    return Buffer.concat(parts, have);
  }

  /** Discards up to `length` bytes; returns how many were there. */
  async skip(length: number): Promise<number> {
    let skipped = 0;
    while (skipped < length) {
      const chunk = await this.take(Math.min(length - skipped, 1024 * 1024));
      if (chunk === null) break;
      skipped += chunk.length;
    }
    return skipped;
  }

  private async fill(): Promise<boolean> {
    while (!this.ended) {
      const next = await this.source.next();
      if (next.done === true) {
        this.ended = true;
        return false;
      }
      if (next.value.length > 0) {
        const value = next.value;
        this.pending = Buffer.isBuffer(value)
          ? value
          : Buffer.from(value.buffer, value.byteOffset, value.length);
        return true;
      }
    }
    return false;
  }
}
