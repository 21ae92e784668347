import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson, canonicalJsonBytes } from './canonicalJson';

// Each expected value is what Debian's securesystemslib 0.26 gives:
// python3 -c 'from securesystemslib.formats import encode_canonical; print(encode_canonical(V).encode("utf-8").hex())'
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('canonicalJson', () => {
  it('sorts keys, drops whitespace and writes true, false and null', () => {
    const value = { b: 1, a: [true, false, null], c: { z: '', y: -5 } };
    expect(canonicalJson(value)).toBe('{"a":[true,false,null],"b":1,"c":{"y":-5,"z":""}}');
    expect(hex(canonicalJsonBytes(value))).toBe(
      '7b2261223a5b747275652c66616c73652c6e756c6c5d2c2262223a312c2263223a7b2279223a2d352c227a223a22227d7d',
    );
  });

  it('escapes only backslash and quote, and writes control and non-ASCII characters as UTF-8', () => {
    const value = { 'path/with "quotes"': 'back\\slash', tab: 'a\tb\nc\u0001', uni: 'é€😀' };
    expect(hex(canonicalJsonBytes(value))).toBe(
      '7b22706174682f77697468205c2271756f7465735c22223a226261636b5c5c736c617368222c22746162223a226109620a6301222c22756e69223a22c3a9e282acf09f9880227d',
    );
  });

  it('sorts keys by code point as Python does, not by UTF-16 unit', () => {
    const value = { '\ue000': 1, '😀': 2, Z: 3, a: 4, '': 5 };
    expect(hex(canonicalJsonBytes(value))).toBe(
      '7b22223a352c225a223a332c2261223a342c22ee8080223a312c22f09f9880223a327d',
    );
  });

  it('writes integers beyond 2^53 given as bigint, and -0 as 0', () => {
    expect(canonicalJson({ big: 12345678901234567890n, neg: -1, zero: -0 })).toBe(
      '{"big":12345678901234567890,"neg":-1,"zero":0}',
    );
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson('')).toBe('""');
  });

  it('refuses floats, unsafe integers, undefined, lone surrogates and non-plain objects, naming where', () => {
    expect(() => canonicalJson({ f: 1.5 })).toThrow(
      new CanonicalJsonError('$.f', 'floats have no canonical form'),
    );
    expect(() => canonicalJson([2 ** 60])).toThrow(/\$\[0\]: integer beyond 2\^53/);
    expect(() => canonicalJson({ u: undefined })).toThrow(/\$\.u: undefined/);
    expect(() => canonicalJson({ s: 'a\ud800' })).toThrow(/lone surrogate/);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(/\$\.d: object/);
    expect(() => canonicalJson(Number.NaN)).toThrow(/floats/);
  });
});
