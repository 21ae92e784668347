/**
 * A v4 OpenPGP signature packet read byte by byte, the way securesystemslib
 * reads one: in-toto's GPG signature form is made of its raw parts (the
 * hashed header as `other_headers`, the bare signature value), and which
 * self-signatures securesystemslib counts depends on its exact reading.
 */

/** The public-key algorithms in-toto understands (RFC 4880 9.1). */
export const PUBLIC_KEY_ALGORITHM = { rsa: 1, dsa: 17, eddsaLegacy: 22 } as const;

/** The hash algorithms by their RFC 4880 numbers. */
export const HASH_ALGORITHM = { sha1: 2, sha256: 8, sha512: 10 } as const;

/** Subpacket types as securesystemslib compares them: the raw type octet, critical bit included. */
export const SUBPACKET = {
  creationTime: 2,
  keyExpirationTime: 9,
  issuerKeyId: 16,
  primaryUserId: 25,
  issuerFingerprint: 33,
} as const;

export interface Subpacket {
  /** The type octet as written, critical bit (0x80) not masked, as securesystemslib reads it. */
  type: number;
  data: Uint8Array;
}

export interface SignaturePacket {
  version: number;
  signatureType: number;
  publicKeyAlgorithm: number;
  hashAlgorithm: number;
  /** Version through hashed subpackets: what the hash covers after the data, and in-toto's `other_headers`. */
  hashedHeader: Uint8Array;
  hashed: Subpacket[];
  unhashed: Subpacket[];
  /** The algorithm-specific signature value: its MPIs, lengths included. */
  value: Uint8Array;
}

/** Reads a v4 signature packet's body (the bytes after the packet header). */
export function readSignaturePacket(body: Uint8Array): SignaturePacket {
  const reader = new ByteReader(body);
  const version = reader.byte();
  if (version !== 4) throw new Error(`signature packet version ${version}, not 4`);
  const signatureType = reader.byte();
  const publicKeyAlgorithm = reader.byte();
  const hashAlgorithm = reader.byte();
  const hashedLength = reader.uint16();
  const hashed = readSubpackets(reader.bytes(hashedLength));
  const hashedHeader = body.subarray(0, 6 + hashedLength);
  const unhashed = readSubpackets(reader.bytes(reader.uint16()));
  reader.bytes(2); // the left 16 bits of the hash, which in-toto's form does not keep
  return {
    version,
    signatureType,
    publicKeyAlgorithm,
    hashAlgorithm,
    hashedHeader,
    hashed,
    unhashed,
    value: reader.rest(),
  };
}

/**
 * The subpackets by type as securesystemslib merges them: unhashed first,
 * then hashed, a later one of a type replacing an earlier one.
 */
export function subpacketsByType(packet: SignaturePacket): Map<number, Uint8Array> {
  return new Map([...packet.unhashed, ...packet.hashed].map(({ type, data }) => [type, data]));
}

/** The issuer as securesystemslib finds it: the fingerprint subpacket, else the 8-byte key ID, lower-case hex. */
export function issuerOf(packet: SignaturePacket): { fingerprint: string; keyId: string } {
  const subpackets = subpacketsByType(packet);
  const fingerprint = subpackets.get(SUBPACKET.issuerFingerprint);
  const keyId = subpackets.get(SUBPACKET.issuerKeyId);
  return {
    fingerprint: fingerprint ? toHex(fingerprint.subarray(1)) : '',
    keyId: keyId ? toHex(keyId) : '',
  };
}

/** A big-endian unsigned integer subpacket (times, periods). */
export function readUint32(data: Uint8Array): number {
  if (data.length !== 4) throw new Error(`a 4-octet subpacket has ${data.length} octets`);
  return new DataView(data.buffer, data.byteOffset, 4).getUint32(0);
}

/**
 * The signature value as in-toto's GPG form writes it: RSA's MPI as is;
 * Ed25519's R and S each padded to 32 bytes; DSA's r and s as a DER
 * SEQUENCE (what pyca/cryptography verifies).
 */
export function signatureValueBytes(packet: SignaturePacket): Uint8Array {
  const reader = new ByteReader(packet.value);
  switch (packet.publicKeyAlgorithm) {
    case PUBLIC_KEY_ALGORITHM.rsa:
      return reader.mpi();
    case PUBLIC_KEY_ALGORITHM.eddsaLegacy:
      return concat(leftPad(reader.mpi(), 32), leftPad(reader.mpi(), 32));
    case PUBLIC_KEY_ALGORITHM.dsa:
      return derSequence([derInteger(reader.mpi()), derInteger(reader.mpi())]);
    default:
      throw new Error(`public-key algorithm ${packet.publicKeyAlgorithm} is not one in-toto reads`);
  }
}

/** Splits an OpenPGP packet stream into packets (old and new format headers; no partial lengths). */
export function readPackets(stream: Uint8Array): { tag: number; body: Uint8Array }[] {
  const packets: { tag: number; body: Uint8Array }[] = [];
  const reader = new ByteReader(stream);
  while (!reader.done()) {
    const ctb = reader.byte();
    if ((ctb & 0x80) === 0) throw new Error('not an OpenPGP packet');
    let tag: number;
    let length: number;
    if (ctb & 0x40) {
      tag = ctb & 0x3f;
      const first = reader.byte();
      if (first < 192) length = first;
      else if (first < 224) length = ((first - 192) << 8) + reader.byte() + 192;
      else if (first === 255) length = reader.uint32();
      else throw new Error('partial packet lengths are not read here');
    } else {
      tag = (ctb >> 2) & 0x0f;
      const lengthType = ctb & 0x03;
      if (lengthType === 0) length = reader.byte();
      else if (lengthType === 1) length = reader.uint16();
      else if (lengthType === 2) length = reader.uint32();
      else throw new Error('indeterminate packet lengths are not read here');
    }
    packets.push({ tag, body: reader.bytes(length) });
  }
  return packets;
}

function readSubpackets(area: Uint8Array): Subpacket[] {
  const reader = new ByteReader(area);
  const subpackets: Subpacket[] = [];
  while (!reader.done()) {
    const first = reader.byte();
    let length: number;
    if (first < 192) length = first;
    else if (first < 255) length = ((first - 192) << 8) + reader.byte() + 192;
    else length = reader.uint32();
    if (length < 1) throw new Error('empty signature subpacket');
    const type = reader.byte();
    subpackets.push({ type, data: reader.bytes(length - 1) });
  }
  return subpackets;
}

class ByteReader {
  private offset = 0;
  constructor(private readonly data: Uint8Array) {}
  done(): boolean {
    return this.offset >= this.data.length;
  }
  byte(): number {
    return this.bytes(1)[0] ?? 0;
  }
  uint16(): number {
    const [high = 0, low = 0] = this.bytes(2);
    return (high << 8) | low;
  }
  uint32(): number {
    return readUint32(this.bytes(4));
  }
  bytes(length: number): Uint8Array {
    if (this.offset + length > this.data.length) throw new Error('truncated OpenPGP data');
    const slice = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }
  mpi(): Uint8Array {
    return this.bytes((this.uint16() + 7) >> 3);
  }
  rest(): Uint8Array {
    return this.bytes(this.data.length - this.offset);
  }
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(parts));
}

function leftPad(bytes: Uint8Array, length: number): Uint8Array {
  if (bytes.length >= length) return bytes;
  return concat(new Uint8Array(length - bytes.length), bytes);
}

function derLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const octets: number[] = [];
  for (let rest = length; rest > 0; rest >>= 8) octets.unshift(rest & 0xff);
  return Uint8Array.of(0x80 | octets.length, ...octets);
}

function derInteger(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  let value = magnitude.subarray(start);
  if (value.length === 0) value = Uint8Array.of(0);
  // A set high bit would read as negative: DER prefixes a zero octet.
  if ((value[0] ?? 0) & 0x80) value = concat(Uint8Array.of(0), value);
  return concat(Uint8Array.of(0x02), derLength(value.length), value);
}

export function derSequence(items: Uint8Array[]): Uint8Array {
  const body = concat(...items);
  return concat(Uint8Array.of(0x30), derLength(body.length), body);
}

export { derInteger, derLength };
