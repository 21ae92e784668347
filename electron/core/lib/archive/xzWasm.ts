import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** The C entry points of xz-embedded as compiled by xz-decompress. */
export interface XzExports {
  memory: { readonly buffer: ArrayBuffer };
  create_context(): number;
  destroy_context(context: number): void;
  supply_input(context: number, length: number): void;
  get_next_output(context: number): number;
}

/**
 * The little of the WebAssembly API used here. The Node tsconfig has neither
 * DOM types nor WebAssembly types in @types/node 20, so it is declared locally.
 */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<{ exports: unknown }>;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: Promise<object> | undefined;

/**
 * xz-decompress embeds its decoder (xz-embedded, compiled to WebAssembly) as a
 * data URL. We compile that module once and give every stream its own instance,
 * rather than use the package's XzReadableStream: it serialises all streams of
 * the process through one lock, so a stream read while another is paused (an
 * archive visitor reading a .deb's control.tar.xz inside a .tar.xz) waits forever.
 */
function xzModule(): Promise<object> {
  compiled ??= (async () => {
    const main = createRequire(import.meta.url).resolve('xz-decompress');
    const source = await readFile(main, 'utf8');
    const match = /data:application\/wasm;base64,([A-Za-z0-9+/=]+)/.exec(source);
    if (!match?.[1]) {
      throw new Error(
        `xz-decompress (${main}) no longer embeds its WebAssembly decoder as a data URL.`,
      );
    }
    return wasm.compile(Buffer.from(match[1], 'base64'));
  })();
  compiled.catch(() => {
    compiled = undefined;
  });
  return compiled;
}

// Instantiating costs more than decoding a package's control member, so
// instances that finished a stream cleanly are kept for the next one.
const idle: XzExports[] = [];
const MAX_IDLE = 4;

/** A decoder instance no other stream is using: a kept one, or a fresh one. */
export async function newXzInstance(): Promise<XzExports> {
  const kept = idle.pop();
  if (kept) return kept;
  const instance = await wasm.instantiate(await xzModule(), {});
  return instance.exports as XzExports;
}

/** Returns an instance whose context was destroyed after a clean end of stream. */
export function reuseXzInstance(xz: XzExports): void {
  if (idle.length < MAX_IDLE) idle.push(xz);
}
