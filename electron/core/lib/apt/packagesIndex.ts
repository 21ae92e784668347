import { StringDecoder } from 'node:string_decoder';
import { CountersignError } from '../../../../shared/errors';
import { Deb822SyntaxError, parseDeb822, type Deb822Paragraph } from '../deb/deb822';
import type { AptPackage } from './aptTypes';
import { quoted } from './hostileText';
import { safeRelativePath } from './repositoryPath';

// A Packages stanza is a few KiB even with a long description; a far larger
// one is an attempt to make the reader hold a huge string.
const MAX_STANZA_CHARS = 1024 * 1024;

const HEX64 = /^[0-9a-fA-F]{64}$/;
const REQUIRED = ['Package', 'Version', 'Architecture', 'Filename', 'Size'] as const;

function invalid(index: string, message: string): CountersignError {
  return new CountersignError(
    'INVALID_REPOSITORY',
    `${index}: ${message}`,
    'The repository was published with a broken Packages index; ask its owner to republish it.',
  );
}

/**
 * Turns one Packages stanza into a package, checking every field the reader
 * relies on. A missing SHA256 is refused: Countersign never falls back to MD5.
 */
export function packageFromStanza(
  stanza: Deb822Paragraph,
  component: string,
  index: string,
): AptPackage {
  const name = stanza.get('Package')?.trim() ?? '';
  const who = name ? `the package ${quoted(name)}` : 'a package';
  for (const field of REQUIRED) {
    if (!stanza.get(field)?.trim()) throw invalid(index, `${who} has no ${field} field.`);
  }
  const sha256 = stanza.get('SHA256')?.trim();
  if (!sha256) {
    throw invalid(
      index,
      `${who} has no SHA256 field, so it cannot be checked (Countersign never falls back to MD5).`,
    );
  }
  if (!HEX64.test(sha256)) throw invalid(index, `${who} has a SHA256 that is not a SHA-256 hash.`);
  const sizeText = stanza.get('Size')?.trim() ?? '';
  const size = Number(sizeText);
  if (!/^\d+$/.test(sizeText) || !Number.isSafeInteger(size)) {
    throw invalid(index, `${who} has the size ${quoted(sizeText)}, which is not a byte count.`);
  }
  const filename = stanza.get('Filename')?.trim() ?? '';
  safeRelativePath(filename, `${index} (${who})`);
  const single = (field: string) => {
    const value = stanza.get(field)?.trim() ?? '';
    if (/\s/.test(value))
      throw invalid(index, `${who} has a ${field} with spaces in it: ${quoted(value)}.`);
    return value;
  };
  return {
    package: single('Package'),
    version: single('Version'),
    architecture: single('Architecture'),
    filename,
    size,
    sha256: sha256.toLowerCase(),
    component,
    control: stanza,
  };
}

/** Parses a whole Packages index held as text (small indexes, tests). */
export function parsePackagesIndex(text: string, component: string, index: string): AptPackage[] {
  let paragraphs: Deb822Paragraph[];
  try {
    paragraphs = parseDeb822(text);
  } catch (error) {
    if (error instanceof Deb822SyntaxError)
      throw invalid(index, `cannot be read (${error.message}).`);
    throw error;
  }
  return paragraphs.map((paragraph) => packageFromStanza(paragraph, component, index));
}

/**
 * Parses a Packages index as it streams in, one stanza at a time, so an index
 * of hundreds of MiB never has to be one string (V8 caps strings well below
 * what the reader accepts). Only the packages are kept.
 */
export async function readPackagesIndex(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  component: string,
  index: string,
): Promise<AptPackage[]> {
  const packages: AptPackage[] = [];
  const decoder = new StringDecoder('utf8');
  let stanza: string[] = [];
  let stanzaChars = 0;
  let pending = '';
  const endStanza = () => {
    if (stanza.length > 0) {
      packages.push(...parsePackagesIndex(stanza.join('\n'), component, index));
    }
    stanza = [];
    stanzaChars = 0;
  };
  const takeLine = (line: string) => {
    if (line.trim() === '') {
      endStanza();
      return;
    }
    stanzaChars += line.length + 1;
    if (stanzaChars > MAX_STANZA_CHARS) {
      throw invalid(index, 'holds a stanza over 1 MiB, far larger than any real package entry.');
    }
    stanza.push(line);
  };
  for await (const chunk of chunks) {
    pending += decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    if (pending.length > MAX_STANZA_CHARS) {
      throw invalid(index, 'holds a line over 1 MiB, far larger than any real package entry.');
    }
    for (const line of lines) takeLine(line);
  }
  pending += decoder.end();
  for (const line of pending.split('\n')) takeLine(line);
  endStanza();
  return packages;
}
