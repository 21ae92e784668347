import { CountersignError } from '../../../../shared/errors';
import { Deb822SyntaxError, parseDeb822, type Deb822Paragraph } from '../deb/deb822';
import { quoted } from './hostileText';
import { parseReleaseDate } from './releaseDate';
import { safeRelativePath } from './repositoryPath';

/** One line of a Release's SHA256 list: what an index file must be. */
export interface ReleaseEntry {
  path: string;
  size: number;
  sha256: string;
}

/** The fields of a Release that the reader acts on. */
export interface ReleaseFile {
  suite: string | null;
  codename: string | null;
  components: string[];
  architectures: string[];
  date: Date | null;
  validUntil: Date | null;
  acquireByHash: boolean;
  /** SHA256 entries by path (relative to the suite's folder). */
  sha256: Map<string, ReleaseEntry>;
  paragraph: Deb822Paragraph;
}

const ARCHITECTURE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const HEX64 = /^[0-9a-fA-F]{64}$/;

function invalid(message: string): CountersignError {
  return new CountersignError(
    'INVALID_REPOSITORY',
    message,
    'The repository was published with a broken Release file; ask its owner to republish it.',
  );
}

function words(value: string | undefined): string[] {
  return (value ?? '').split(/\s+/).filter(Boolean);
}

function dateField(paragraph: Deb822Paragraph, name: string): Date | null {
  const value = paragraph.get(name);
  if (value === undefined) return null;
  const date = parseReleaseDate(value);
  if (!date) throw invalid(`The Release file's ${name} ${quoted(value)} is not a date.`);
  return date;
}

function parseHashList(value: string): Map<string, ReleaseEntry> {
  const entries = new Map<string, ReleaseEntry>();
  for (const line of value.split('\n')) {
    if (line.trim() === '') continue;
    const parts = line.trim().split(/\s+/);
    const [sha256 = '', sizeText = '', path = ''] = parts;
    const size = Number(sizeText);
    if (parts.length !== 3 || !HEX64.test(sha256) || !/^\d+$/.test(sizeText)) {
      throw invalid(
        `The Release file's SHA256 list has a line that is not "hash size path": ${quoted(line)}.`,
      );
    }
    if (!Number.isSafeInteger(size))
      throw invalid(`The Release file lists an impossible size for ${quoted(path)}.`);
    safeRelativePath(path, 'The Release file');
    const entry = { path, size, sha256: sha256.toLowerCase() };
    const earlier = entries.get(path);
    if (earlier && (earlier.size !== size || earlier.sha256 !== entry.sha256)) {
      throw invalid(`The Release file lists ${quoted(path)} twice, with different hashes.`);
    }
    entries.set(path, entry);
  }
  return entries;
}

/**
 * Parses the text of a Release file: only ever the text whose signature was
 * verified, since an unsigned copy can say anything. Refuses a Release that
 * lacks what the reader needs (a suite or codename, components,
 * architectures, SHA-256 hashes) rather than guessing: Countersign never falls
 * back to MD5 or SHA-1.
 */
export function parseReleaseFile(text: string): ReleaseFile {
  let paragraphs: Deb822Paragraph[];
  try {
    paragraphs = parseDeb822(text);
  } catch (error) {
    if (error instanceof Deb822SyntaxError)
      throw invalid(`The Release file cannot be read (${error.message}).`);
    throw error;
  }
  const [paragraph] = paragraphs;
  if (!paragraph || paragraphs.length !== 1) {
    throw invalid(
      `The Release file holds ${paragraphs.length} paragraphs; a Release has exactly one.`,
    );
  }
  const suite = paragraph.get('Suite')?.trim() || null;
  const codename = paragraph.get('Codename')?.trim() || null;
  if (!suite && !codename) throw invalid('The Release file names neither a Suite nor a Codename.');

  const components = words(paragraph.get('Components'));
  if (components.length === 0) throw invalid('The Release file lists no Components.');
  for (const component of components) safeRelativePath(component, "The Release file's Components");

  const architectures = words(paragraph.get('Architectures'));
  if (architectures.length === 0) throw invalid('The Release file lists no Architectures.');
  const odd = architectures.find((architecture) => !ARCHITECTURE.test(architecture));
  if (odd !== undefined)
    throw invalid(
      `The Release file lists the architecture ${quoted(odd)}, which is not an architecture name.`,
    );

  const hashes = paragraph.get('SHA256');
  if (hashes === undefined) {
    throw new CountersignError(
      'INVALID_REPOSITORY',
      'The Release file lists no SHA256 hashes, so its indexes cannot be checked (Countersign never falls back to MD5 or SHA-1).',
      'Ask the repository owner to publish with a current tool (apt-ftparchive, reprepro, aptly all write SHA256).',
    );
  }
  return {
    suite,
    codename,
    components,
    architectures,
    date: dateField(paragraph, 'Date'),
    validUntil: dateField(paragraph, 'Valid-Until'),
    acquireByHash: paragraph.get('Acquire-By-Hash')?.trim().toLowerCase() === 'yes',
    sha256: parseHashList(hashes),
    paragraph,
  };
}
