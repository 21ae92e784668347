import { Readable } from 'node:stream';
import { onAbort, cancelled } from './archiveErrors';

const HIGH_WATER_MARK = 64 * 1024;

/**
 * The readable handed to a visitor for one entry. It pulls from the archive
 * only when the visitor reads, so memory stays constant for any entry size.
 * After the visitor returns, `finish` reads whatever it left (the archive must
 * be consumed in order, and unread bytes must still be checked), then releases it.
 */
export class EntryStream {
  readonly stream: Readable;
  private inFlight: Promise<void> | null = null;
  private failure: Error | undefined = undefined;
  private done = false;
  /** Set once the visitor has returned: from then on only `finish` pulls, never the stream. */
  private released = false;
  private readonly stopListening: () => void;

  /** `pull` yields the entry's next chunk, or null after its last byte. */
  constructor(
    private readonly pull: () => Promise<Buffer | null>,
    signal?: AbortSignal,
  ) {
    this.stream = new Readable({ highWaterMark: HIGH_WATER_MARK, read: () => this.pump() });
    // The failure reaches the caller through finish() or abandon(); a visitor
    // that never listened must not turn it into an uncaught 'error' event.
    this.stream.on('error', () => undefined);
    this.stopListening = onAbort(signal, () => this.fail(cancelled()));
  }

  private pump(): void {
    if (this.inFlight || this.done || this.released || this.failure !== undefined) return;
    this.inFlight = this.pull().then(
      (chunk) => {
        this.inFlight = null;
        if (chunk === null) {
          this.done = true;
          if (!this.stream.destroyed) this.stream.push(null);
        } else if (!this.stream.destroyed && this.stream.push(chunk)) {
          this.pump();
        }
      },
      (error: unknown) => {
        this.inFlight = null;
        this.fail(error);
      },
    );
  }

  private fail(error: unknown): void {
    this.failure ??= error instanceof Error ? error : new Error(String(error));
    this.stream.destroy(this.failure);
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  /**
   * Waits for a read in flight, reads the rest of the entry (so its checks
   * run), and destroys the visitor's stream. Rethrows the entry's own failure
   * (truncation, CRC, a limit), which is the cause even when the visitor failed first.
   */
  async finish(): Promise<void> {
    this.released = true;
    try {
      await this.inFlight;
      this.throwIfFailed();
      while (!this.done) {
        if ((await this.pull()) === null) this.done = true;
        // An abort may land while we drain.
        this.throwIfFailed();
      }
    } finally {
      this.stopListening();
      if (!this.stream.destroyed) this.stream.destroy();
    }
  }

  /**
   * After the visitor failed: waits for a read in flight and releases the
   * stream. Returns the entry's own failure if it had one, since that is the
   * cause and the visitor's error only its consequence.
   */
  async abandon(visitorError: unknown): Promise<unknown> {
    this.released = true;
    await this.inFlight;
    this.stopListening();
    if (!this.stream.destroyed) this.stream.destroy();
    return this.failure ?? visitorError;
  }
}
