/**
 * securesystemslib's canonical JSON (`encode_canonical`), the bytes every
 * in-toto v0.9 signature covers: keys sorted, no whitespace, only strings,
 * integers, booleans, null, arrays and objects, and strings escaped only for
 * `\` and `"` (every other character, control characters included, is
 * written as itself). A signature verifies only if we produce exactly the
 * bytes Debian's in-toto produces from the same JSON, so anything Python
 * would encode differently is refused rather than approximated.
 */

/** A value canonical JSON can carry. */
export type CanonicalValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue };

/** Why a value has no canonical form, with where it is ("signed.products.x"). */
export class CanonicalJsonError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'CanonicalJsonError';
  }
}

/** The canonical JSON text of `value`. */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  encode(value, '$', parts);
  return parts.join('');
}

/** The UTF-8 bytes of the canonical JSON of `value`: what is signed. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}

function encode(value: unknown, path: string, out: string[]): void {
  if (typeof value === 'string') {
    out.push(encodeString(value, path));
  } else if (typeof value === 'boolean') {
    out.push(value ? 'true' : 'false');
  } else if (value === null) {
    out.push('null');
  } else if (typeof value === 'bigint') {
    out.push(value.toString());
  } else if (typeof value === 'number') {
    // Python's int is exact at any size; a JS number is exact only up to 2^53.
    if (!Number.isInteger(value))
      throw new CanonicalJsonError(path, 'floats have no canonical form');
    if (!Number.isSafeInteger(value)) {
      throw new CanonicalJsonError(path, 'integer beyond 2^53 (use a bigint)');
    }
    out.push(String(value === 0 ? 0 : value)); // -0 is 0, as Python reads it
  } else if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item: unknown, index) => {
      if (index > 0) out.push(',');
      encode(item, `${path}[${index}]`, out);
    });
    out.push(']');
  } else if (isPlainObject(value)) {
    const keys = Object.keys(value).sort(compareCodePoints);
    out.push('{');
    keys.forEach((key, index) => {
      if (index > 0) out.push(',');
      out.push(encodeString(key, `${path}.${key}`), ':');
      encode(value[key], `${path}.${key}`, out);
    });
    out.push('}');
  } else {
    throw new CanonicalJsonError(path, `${typeof value} has no canonical form`);
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function encodeString(text: string, path: string): string {
  // A lone surrogate has no UTF-8 form: Python would refuse to encode it.
  if (LONE_SURROGATE.test(text)) throw new CanonicalJsonError(path, 'string with a lone surrogate');
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Python sorts str by code point; JavaScript's default sort compares UTF-16
 * units, which puts U+E000..U+FFFF after characters beyond U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a, (c) => c.codePointAt(0) ?? 0);
  const right = Array.from(b, (c) => c.codePointAt(0) ?? 0);
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}
