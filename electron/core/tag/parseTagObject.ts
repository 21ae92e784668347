import type { PersonStamp } from '../../../shared/tags';

export type SignatureFormat = 'openpgp' | 'ssh' | 'x509' | 'none';

/** A git tag object split the way git splits it for verification. */
export interface ParsedTagObject {
  object: string;
  type: string;
  tag: string;
  tagger: PersonStamp | null;
  message: string;
  /** The exact bytes the signature covers. */
  payload: Buffer;
  signature: { format: Exclude<SignatureFormat, 'none'>; armored: string } | null;
}

// The armor lines git recognises, and which signing format each starts.
const SIGNATURE_STARTS: ReadonlyArray<[string, Exclude<SignatureFormat, 'none'>]> = [
  ['-----BEGIN PGP SIGNATURE-----', 'openpgp'],
  ['-----BEGIN PGP MESSAGE-----', 'openpgp'],
  ['-----BEGIN SIGNED MESSAGE-----', 'x509'],
  ['-----BEGIN SSH SIGNATURE-----', 'ssh'],
];

function signatureFormatAt(
  buffer: Buffer,
  offset: number,
): Exclude<SignatureFormat, 'none'> | null {
  for (const [start, format] of SIGNATURE_STARTS) {
    if (buffer.subarray(offset, offset + start.length).toString('latin1') === start) return format;
  }
  return null;
}

/**
 * Finds where the signature starts as git does: at the start of the *last*
 * line that opens a signature block. Anything before it is the signed payload,
 * so a message quoting an armor block cannot smuggle a second signature in.
 */
function findSignatureStart(buffer: Buffer): number {
  let match = buffer.length;
  let offset = 0;
  while (offset < buffer.length) {
    if (signatureFormatAt(buffer, offset)) match = offset;
    const eol = buffer.indexOf(0x0a, offset);
    offset = eol === -1 ? buffer.length : eol + 1;
  }
  return match;
}

/** Parses git's "Name <email> 1700000000 +0100" into a person and an ISO date. */
export function parsePersonStamp(line: string): PersonStamp | null {
  const match = /^(.*?) ?<([^>]*)> (\d+) ([+-])(\d{2})(\d{2})$/.exec(line);
  if (!match) return null;
  const [, name = '', email = '', seconds = '0', sign, hours = '0', minutes = '0'] = match;
  const offsetMinutes = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
  const local = new Date((Number(seconds) + offsetMinutes * 60) * 1000);
  // A hostile tag can carry any number; a date JavaScript cannot represent is no date.
  if (Number.isNaN(local.getTime())) return null;
  const iso = local.toISOString().replace(/\.\d{3}Z$/, '');
  const tz = `${sign}${hours}:${minutes}`;
  return { name, email, date: `${iso}${tz}` };
}

/** Splits a raw tag object into its headers, message, signed payload and signature. */
export function parseTagObject(raw: Buffer): ParsedTagObject {
  const headerEnd = raw.indexOf('\n\n');
  const headerText = raw.subarray(0, headerEnd === -1 ? raw.length : headerEnd).toString('utf8');
  const headers = new Map<string, string>();
  for (const line of headerText.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0 && !headers.has(line.slice(0, space))) {
      headers.set(line.slice(0, space), line.slice(space + 1));
    }
  }
  const signatureStart = findSignatureStart(raw);
  const bodyStart = headerEnd === -1 ? raw.length : headerEnd + 2;
  const hasSignature = signatureStart < raw.length && signatureStart >= bodyStart;
  const payload = raw.subarray(0, hasSignature ? signatureStart : raw.length);
  const format = hasSignature ? signatureFormatAt(raw, signatureStart) : null;
  const tagger = headers.get('tagger');
  return {
    object: headers.get('object') ?? '',
    type: headers.get('type') ?? '',
    tag: headers.get('tag') ?? '',
    tagger: tagger === undefined ? null : parsePersonStamp(tagger),
    message: raw.subarray(Math.min(bodyStart, payload.length), payload.length).toString('utf8'),
    payload,
    signature: format ? { format, armored: raw.subarray(signatureStart).toString('utf8') } : null,
  };
}
