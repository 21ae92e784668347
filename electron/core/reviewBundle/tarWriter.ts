import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

const BLOCK = 512;

function writeField(block: Buffer, offset: number, length: number, text: string): void {
  Buffer.from(text, 'utf8').copy(block, offset, 0, length);
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  writeField(block, offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
}

/**
 * One ustar header for a regular file. Everything but the name and size is
 * fixed (mode 0644, owner 0, time 0), so the same files always make the same
 * bytes: a bundle is deterministic.
 */
function fileHeader(name: string, size: number): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`bundle entry name too long: ${name}`);
  const block = Buffer.alloc(BLOCK);
  writeField(block, 0, 100, name);
  writeOctal(block, 100, 8, 0o644);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, 0);
  block.write('0', 156, 'latin1');
  block.write('ustar\x0000', 257, 'latin1');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  writeField(block, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** Writes a plain tar of regular files, in the order given, to an open file. */
export class TarWriter {
  private position = 0;

  constructor(private readonly handle: FileHandle) {}

  private async write(bytes: Buffer): Promise<void> {
    await this.handle.write(bytes, 0, bytes.length, this.position);
    this.position += bytes.length;
  }

  /** Adds an entry whose bytes are in memory. */
  async addBytes(name: string, bytes: Buffer): Promise<void> {
    await this.write(fileHeader(name, bytes.length));
    await this.write(bytes);
    await this.write(padding(bytes.length));
  }

  /** Adds an entry streamed from a file of `size` bytes (checked: a file that changes is an error). */
  async addFile(name: string, path: string, size: number): Promise<void> {
    await this.write(fileHeader(name, size));
    let written = 0;
    for await (const chunk of createReadStream(path)) {
      const bytes = chunk as Buffer;
      written += bytes.length;
      if (written > size) break;
      await this.write(bytes);
    }
    if (written !== size) throw new Error(`${path} changed while it was being bundled`);
    await this.write(padding(size));
  }

  /** The two zero blocks that end a tar. */
  async end(): Promise<void> {
    await this.write(Buffer.alloc(2 * BLOCK));
  }
}
