import { CountersignError } from '../../../../shared/errors';
import { signDetached } from './signDetached';
import type { UnlockedReleaseKey } from './unlockReleaseKey';

/** One file to list in SHA256SUMS. */
export interface SummedFile {
  /** A relative path with "/" between folders, as `sha256sum -c` will open it. */
  name: string;
  sha256: string;
}

function badEntry(name: string, reason: string): CountersignError {
  return new CountersignError(
    'INVALID_CHECKSUM_ENTRY',
    `${JSON.stringify(name.slice(0, 200))} cannot be listed in SHA256SUMS: ${reason}.`,
    'List only the released files, by their names relative to SHA256SUMS.',
  );
}

// `sha256sum -c` opens each name as a path: a name that leaves the folder
// would make a user check (or a script overwrite) a file outside the release.
function checkName(name: string): void {
  if (name.length === 0) throw badEntry(name, 'the name is empty');
  // Control characters (a newline above all) would forge a line of their own;
  // GNU sha256sum escapes backslashes in a way other checkers do not read.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(name)) {
    throw badEntry(name, 'it holds a control character or a backslash');
  }
  if (name.startsWith('/')) throw badEntry(name, 'it is an absolute path');
  if (name.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw badEntry(name, 'it has an empty, "." or ".." part');
  }
}

/**
 * The SHA256SUMS text `sha256sum` writes and `sha256sum -c` reads:
 * "<hash>  <name>\n" per file, sorted by the name's bytes (as `LC_ALL=C sort`),
 * so the same files always give the same text and the same signature.
 */
export function sha256SumsText(files: SummedFile[]): string {
  const seen = new Set<string>();
  for (const file of files) {
    checkName(file.name);
    if (!/^[0-9a-fA-F]{64}$/.test(file.sha256)) {
      throw badEntry(file.name, 'its SHA-256 is not 64 hexadecimal digits');
    }
    if (seen.has(file.name)) throw badEntry(file.name, 'it is listed twice');
    seen.add(file.name);
  }
  return [...files]
    .sort((a, b) => Buffer.compare(Buffer.from(a.name, 'utf8'), Buffer.from(b.name, 'utf8')))
    .map((file) => `${file.sha256.toLowerCase()}  ${file.name}\n`)
    .join('');
}

/** SHA256SUMS and its armored detached signature, SHA256SUMS.asc (`gpg --verify SHA256SUMS.asc SHA256SUMS`). */
export async function signSha256Sums(
  unlocked: UnlockedReleaseKey,
  files: SummedFile[],
  date: Date,
): Promise<{ sha256sums: string; asc: string }> {
  const sha256sums = sha256SumsText(files);
  return { sha256sums, asc: await signDetached(unlocked, Buffer.from(sha256sums, 'utf8'), date) };
}
