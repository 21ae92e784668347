import { CountersignError } from '../../../../shared/errors';
import { formatDeb822, type Deb822Paragraph } from '../deb/deb822';
import { formatReleaseDate } from './releaseDate';
import { safeRelativePath } from './repositoryPath';

/** One package as an index lists it: its control fields and where its file is. */
export interface PackagesIndexEntry {
  control: Deb822Paragraph;
  filename: string;
  size: number;
  /** Left out of the index when unknown (an index written without MD5sum); apt checks SHA256. */
  md5?: string;
  sha256: string;
}

/** What a Release says about its suite and which index files it vouches for. */
export interface ReleaseFields {
  origin: string;
  label: string;
  suite: string;
  codename: string;
  date: Date;
  validUntil?: Date;
  components: string[];
  architectures: string[];
  acquireByHash?: boolean;
  files: { path: string; size: number; md5: string; sha256: string }[];
}

// The fields the index adds; a control file that carries them already (it
// should not) must not end up with two of each.
const INDEX_FIELDS = new Set(['filename', 'size', 'md5sum', 'sha1', 'sha256', 'sha512']);

function refuse(message: string): CountersignError {
  return new CountersignError(
    'INVALID_REPOSITORY',
    `Cannot write the repository index: ${message}`,
  );
}

function oneLine(name: string, value: string): string {
  if (value === '' || /[\r\n]/.test(value)) refuseField(name, value);
  return value;
}

function refuseField(name: string, value: string): never {
  throw refuse(`${name} ${JSON.stringify(value.slice(0, 80))} must be one non-empty line.`);
}

function checkHash(name: string, hash: string, length: number): string {
  if (!new RegExp(`^[0-9a-f]{${length}}$`).test(hash)) {
    throw refuse(`${name} ${JSON.stringify(hash.slice(0, 80))} is not a lower-case hex hash.`);
  }
  return hash;
}

function checkSize(size: number): string {
  if (!Number.isSafeInteger(size) || size < 0) throw refuse(`${size} is not a byte count.`);
  return String(size);
}

/**
 * The text of a Packages index, as apt-ftparchive writes it: each package's
 * control fields in their order, then Filename, Size, MD5sum (when known) and SHA256.
 * Pure: the caller hashes the files and writes the result.
 */
export function packagesIndexText(entries: PackagesIndexEntry[]): string {
  if (entries.length === 0) return '';
  return formatDeb822(
    entries.map((entry) => {
      safeRelativePath(entry.filename, 'The package file name');
      const fields = entry.control
        .entries()
        .filter(([name]) => !INDEX_FIELDS.has(name.toLowerCase()));
      return [
        ...fields,
        ['Filename', oneLine('Filename', entry.filename)],
        ['Size', checkSize(entry.size)],
        ...(entry.md5 === undefined ? [] : [['MD5sum', checkHash('MD5sum', entry.md5, 32)]]),
        ['SHA256', checkHash('SHA256', entry.sha256, 64)],
      ] as [string, string][];
    }),
  );
}

function hashList(
  files: ReleaseFields['files'],
  hash: (file: ReleaseFields['files'][number]) => string,
): string {
  // apt-ftparchive's layout: " <hash> <size right-aligned to 16> <path>".
  const lines = files.map(
    (file) => `${hash(file)} ${checkSize(file.size).padStart(16)} ${file.path}`,
  );
  return ['', ...lines].join('\n');
}

/**
 * The text of a Release file (before signing), as apt-ftparchive writes it:
 * Origin, Label, Suite, Codename, Date (RFC 2822, UTC), Valid-Until when
 * given, Architectures, Components, `Acquire-By-Hash: yes` when asked, then
 * the MD5Sum and SHA256 lists. Pure: no I/O, no clock.
 */
export function releaseText(fields: ReleaseFields): string {
  for (const file of fields.files) {
    safeRelativePath(file.path, 'The index file name');
    checkHash('MD5Sum', file.md5, 32);
    checkHash('SHA256', file.sha256, 64);
  }
  for (const word of [...fields.components, ...fields.architectures]) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._/+-]*$/.test(word)) {
      throw refuse(`${JSON.stringify(word.slice(0, 80))} is not a component or architecture name.`);
    }
  }
  const paragraph: [string, string][] = [
    ['Origin', oneLine('Origin', fields.origin)],
    ['Label', oneLine('Label', fields.label)],
    ['Suite', oneLine('Suite', fields.suite)],
    ['Codename', oneLine('Codename', fields.codename)],
    ['Date', formatReleaseDate(fields.date)],
  ];
  if (fields.validUntil) paragraph.push(['Valid-Until', formatReleaseDate(fields.validUntil)]);
  paragraph.push(
    ['Architectures', oneLine('Architectures', fields.architectures.join(' '))],
    ['Components', oneLine('Components', fields.components.join(' '))],
  );
  if (fields.acquireByHash) paragraph.push(['Acquire-By-Hash', 'yes']);
  paragraph.push(
    ['MD5Sum', hashList(fields.files, (file) => file.md5)],
    ['SHA256', hashList(fields.files, (file) => file.sha256)],
  );
  return formatDeb822([paragraph]);
}
