import { CountersignError } from '../../../../shared/errors';
import { invalidArchive, quoteName } from './archiveErrors';

const DRIVE = /^[A-Za-z]:/;

const leaveHint =
  'Do not use this archive: unpacked naively it would write outside its folder. Report it to the CI maintainers.';

/**
 * Splits a raw entry name into components. Backslashes count as separators in
 * every format: Windows tools write them in zip names, and a name that is
 * harmless on Linux ("a\..\..\b") escapes on Windows, where a reviewer may unpack it.
 */
function components(raw: string): string[] {
  return raw.replace(/\\/g, '/').split('/');
}

/**
 * The entry's path, relative and "/"-separated, with "./" prefixes, "." and
 * empty components removed and no trailing "/". Throws ARCHIVE_ABSOLUTE_PATH for
 * "/x", "\\server\x" or "C:x", and ARCHIVE_PATH_TRAVERSAL for any ".." component,
 * even one that would stay inside ("a/../b"): no honest tool writes it.
 * Returns "" for the archive root itself ("./").
 */
export function normaliseEntryPath(raw: string): string {
  if (raw.includes('\0')) throw invalidArchive(`Entry name ${quoteName(raw)} contains a NUL byte.`);
  const unified = raw.replace(/\\/g, '/');
  if (unified.startsWith('/') || DRIVE.test(unified)) {
    throw new CountersignError(
      'ARCHIVE_ABSOLUTE_PATH',
      `Entry ${quoteName(raw)} has an absolute path.`,
      leaveHint,
    );
  }
  const kept: string[] = [];
  for (const part of components(raw)) {
    if (part === '..') {
      throw new CountersignError(
        'ARCHIVE_PATH_TRAVERSAL',
        `Entry ${quoteName(raw)} climbs out of the archive with "..".`,
        leaveHint,
      );
    }
    if (part !== '' && part !== '.') kept.push(part);
  }
  return kept.join('/');
}

export type LinkKind = 'symbolic' | 'hard';

/**
 * Where a link lands, relative to the archive root: a symbolic link's target is
 * relative to the link's own folder, a hard link's to the root. Throws
 * ARCHIVE_LINK_ESCAPES when the target is absolute or climbs above the root,
 * because a later write through such a link lands outside the unpacked tree.
 * Resolution is lexical (other links in the archive are not followed): links
 * are never artifacts here, only reported, so this judges what each one says.
 */
export function resolveLinkTarget(entryPath: string, target: string, kind: LinkKind): string {
  const refuse = (why: string): CountersignError =>
    new CountersignError(
      'ARCHIVE_LINK_ESCAPES',
      `Entry ${quoteName(entryPath)} is a ${kind} link to ${quoteName(target)}, ${why}.`,
      leaveHint,
    );
  if (target === '') {
    throw invalidArchive(`Entry ${quoteName(entryPath)} is a ${kind} link with no target.`);
  }
  if (target.includes('\0')) {
    throw invalidArchive(`Link ${quoteName(entryPath)} has a NUL byte in its target.`);
  }
  const unified = target.replace(/\\/g, '/');
  if (unified.startsWith('/') || DRIVE.test(unified)) throw refuse('an absolute path');
  const resolved = kind === 'symbolic' ? entryPath.split('/').slice(0, -1) : [];
  for (const part of components(target)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (resolved.length === 0) throw refuse('which is outside the archive');
      resolved.pop();
    } else {
      resolved.push(part);
    }
  }
  return resolved.join('/');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Names are bytes. UTF-8 is what Linux tools write; anything else is read as
 * Latin-1 so every byte still maps to one character (two raw names that end up
 * equal are then caught as duplicates rather than silently merged).
 */
export function decodeEntryName(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('latin1');
  }
}
