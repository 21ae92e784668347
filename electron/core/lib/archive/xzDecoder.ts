import { invalidArchive, unsupportedArchive } from './archiveErrors';
import { newXzInstance, reuseXzInstance } from './xzWasm';

const XZ_OK = 0;
const XZ_STREAM_END = 1;

/** Damage: the data is not what an xz encoder wrote. */
const XZ_DAMAGE: Record<number, string> = {
  3: 'needs more memory than the decoder could get',
  5: 'is not xz data',
  7: 'is corrupt',
  8: 'is truncated',
};

/** Valid xz that xz-embedded does not decode: said apart from damage so the fix is clear. */
const XZ_UNSUPPORTED: Record<number, string> = {
  2: 'uses an integrity check this decoder does not know',
  4: 'needs a dictionary over 64 MiB (more than xz -9 uses)',
  6: 'uses an xz option this decoder does not support, such as the SHA-256 check',
};

function xzError(code: number): Error {
  const unsupported = XZ_UNSUPPORTED[code];
  if (unsupported !== undefined) {
    return unsupportedArchive(
      `The xz data ${unsupported}.`,
      'Ask CI to compress with plain "xz" (default check, -9 or lower), or to publish .tar.gz.',
    );
  }
  return invalidArchive(`The xz data ${XZ_DAMAGE[code] ?? `fails to decode (xz error ${code})`}.`);
}

/**
 * Decompresses xz (concatenated streams too) chunk by chunk with constant
 * memory. The context's layout is xz-embedded's `struct xz_buf` behind a size
 * word: [bufsize, in, in_pos, in_size, out, out_pos, out_size] as 32-bit words.
 * Damage, truncation and trailing garbage become INVALID_ARCHIVE; valid xz
 * that xz-embedded cannot decode (SHA-256 check, dictionary over 64 MiB) UNSUPPORTED_ARCHIVE.
 */
export async function* xzDecompress(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<Buffer> {
  const xz = await newXzInstance();
  const context = xz.create_context();
  // Views are re-made after every call: the instance's memory may grow and detach old ones.
  const words = (): Uint32Array => new Uint32Array(xz.memory.buffer, context, 7);
  const [bufferSize = 0, inputAt = 0, , , outputAt = 0] = words();

  /** One decoder step: its result, and its output copied out of the reused buffer. */
  const step = (): { code: number; output: Buffer | null; outputFull: boolean } => {
    const code = xz.get_next_output(context);
    const state = words();
    const produced = state[5] ?? 0;
    const output =
      produced > 0 ? Buffer.from(new Uint8Array(xz.memory.buffer, outputAt, produced)) : null;
    state[5] = 0;
    return { code, output, outputFull: produced === bufferSize };
  };

  // Only an instance that reached the end of its stream is reused: after an
  // error or an abandoned read its state is not worth trusting.
  let ended = false;
  try {
    for await (const chunk of source) {
      for (let offset = 0; offset < chunk.length; offset += bufferSize) {
        const piece = chunk.subarray(offset, offset + bufferSize);
        new Uint8Array(xz.memory.buffer, inputAt, piece.length).set(piece);
        xz.supply_input(context, piece.length);
        for (;;) {
          const { code, output, outputFull } = step();
          if (output) yield output;
          if (code === XZ_STREAM_END) {
            ended = true;
            return;
          }
          if (code !== XZ_OK) throw xzError(code);
          const state = words();
          if (state[2] === state[3] && !outputFull) break;
        }
      }
    }
    // Empty input tells the decoder the data has ended: it then flushes, and
    // either confirms the end of the stream or reports the data truncated.
    xz.supply_input(context, 0);
    for (let idle = 0; idle < 2;) {
      const { code, output } = step();
      if (output) yield output;
      idle = output ? 0 : idle + 1;
      if (code === XZ_STREAM_END) {
        ended = true;
        return;
      }
      if (code !== XZ_OK) throw xzError(code);
    }
    throw xzError(8);
  } finally {
    try {
      xz.destroy_context(context);
      if (ended) reuseXzInstance(xz);
    } catch {
      // The instance is dropped with the generator; a trap here changes nothing.
    }
  }
}
