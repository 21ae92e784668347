import { createHash } from 'node:crypto';
import { CountersignError } from '../../../../../shared/errors';
import { readDebMembers } from './debMembers';
import { memberIdOf, type DebContainer } from './memberId';
import type { DebMemberType } from './tarMembers';

export type { DebMemberType } from './tarMembers';

/** One member of a .deb's control.tar or data.tar, as dpkg would install it. */
export interface DebMember {
  /** "control.tar ▸ ./control", "data.tar ▸ ./usr/bin/x": container and name joined by " ▸ ". */
  id: string;
  container: DebContainer;
  /** The name exactly as the tar holds it: hostile text, compared and shown, never opened. */
  path: string;
  type: DebMemberType;
  /** Bytes of content; 0 for folders and links. */
  size: number;
  /** SHA-256 of the content, for files (and entries of unknown types, whose data is hashed too); null for folders and links. */
  sha256: string | null;
  /** Permission bits, setuid, setgid and sticky included. */
  mode: number;
  /** Seconds since the epoch. */
  mtime: number;
  /** A symbolic link's target, or for a hard link the member it shares bytes with. */
  linkTarget: string | null;
  /** Owner as the tar records it: "root:root (0:0)", or "uid:gid" without names. */
  owner?: string;
}

/**
 * Every member of a .deb, control.tar's then data.tar's, in archive order, with
 * its size, SHA-256, type, mode, mtime, owner and link target. Each archive is
 * streamed once and every file hashed as it passes, so memory is constant
 * except the listing itself. Refuses a package that holds one name twice
 * (which copy dpkg installs would decide what is reviewed).
 */
export async function listDebMembers(
  file: string,
  options: { signal?: AbortSignal } = {},
): Promise<DebMember[]> {
  const members: DebMember[] = [];
  const seen = new Set<string>();
  for await (const { container, header, content } of readDebMembers(file, options)) {
    const id = memberIdOf(container, header.path);
    if (seen.has(id)) {
      throw new CountersignError(
        'ARCHIVE_DUPLICATE_ENTRY',
        `The package holds ${JSON.stringify(id)} twice; which copy is installed would depend on the tool.`,
        'Do not use this package; ask its builders why it holds a member twice.',
      );
    }
    seen.add(id);
    let sha256: string | null = null;
    if (header.type === 'file' || header.type === 'other') {
      const hash = createHash('sha256');
      if (content) for await (const chunk of content) hash.update(chunk);
      sha256 = hash.digest('hex');
    }
    members.push({ id, container, ...header, sha256 });
  }
  return members;
}
