import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CountersignError } from '../../../../../shared/errors';
import { readDebMembers } from './debMembers';
import { memberNotFound, parseMemberId } from './memberId';
import type { TarMemberHeader } from './tarMembers';

/** A member found in a package, and the SHA-256 of the bytes written for it (null when it has none). */
export interface CopiedMember {
  header: TarMemberHeader;
  sha256: string | null;
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function carriesBytes(header: TarMemberHeader): boolean {
  return header.type === 'file' || header.type === 'other';
}

/**
 * Finds `memberId` in `deb` and, when it carries bytes, writes them to
 * `destFile`, created new (never over an existing file or through a link),
 * hashing them on the way; then reads the file back and checks the same hash.
 * The archive is read to its end even after the member, so the compressor's
 * own checksum vouches for the bytes and a second copy of the name is caught.
 * Returns null when the package has no such member; removes a partial file
 * on failure.
 */
export async function copyMember(
  deb: string,
  memberId: string,
  destFile: string,
  signal?: AbortSignal,
): Promise<CopiedMember | null> {
  const { container, path } = parseMemberId(memberId);
  let found: CopiedMember | null = null;
  let created = false;
  try {
    for await (const member of readDebMembers(deb, {
      containers: [container],
      ...(signal ? { signal } : {}),
    })) {
      if (member.header.path !== path) continue;
      if (found) {
        throw new CountersignError(
          'ARCHIVE_DUPLICATE_ENTRY',
          `${JSON.stringify(basename(deb))} holds ${JSON.stringify(memberId)} twice; which copy is installed would depend on the tool.`,
          'Do not use this package; ask its builders why it holds a member twice.',
        );
      }
      if (!carriesBytes(member.header)) {
        found = { header: member.header, sha256: null };
        continue;
      }
      const hash = createHash('sha256');
      const content = member.content ?? [];
      // Exclusive creation: an existing file, or a link planted at the path, is refused, not followed.
      const handle = await open(destFile, 'wx', 0o600);
      created = true;
      await pipeline(async function* () {
        for await (const chunk of content) {
          hash.update(chunk);
          yield chunk;
        }
      }, handle.createWriteStream());
      found = { header: member.header, sha256: hash.digest('hex') };
    }
    if (found?.sha256 != null && (await sha256OfFile(destFile)) !== found.sha256) {
      throw new CountersignError(
        'INTERNAL',
        `The bytes written for ${JSON.stringify(memberId)} do not read back with the hash they were written with.`,
        'Check the disk holding the temporary folder, then try again.',
      );
    }
    return found;
  } catch (error) {
    if (created) await rm(destFile, { force: true });
    throw error;
  }
}

/**
 * Writes one member's bytes to `destFile` (a path the caller chooses, never
 * the member's name; it must not exist yet), verifying them: the package's
 * compression checksum covers them, the file is read back against the hash
 * they were written with, and against `expectedSha256` when given (a hash
 * from `listDebMembers`, so the bytes are the ones that were listed).
 */
export async function extractMember(
  deb: string,
  memberId: string,
  destFile: string,
  options: { expectedSha256?: string; signal?: AbortSignal } = {},
): Promise<void> {
  const copied = await copyMember(deb, memberId, destFile, options.signal);
  if (!copied) throw memberNotFound(memberId, JSON.stringify(basename(deb)));
  if (copied.sha256 === null) {
    throw new CountersignError(
      'DIFFERENCE_NOT_FOUND',
      `${JSON.stringify(memberId)} is a ${copied.header.type === 'dir' ? 'folder' : 'link'}, which has no bytes to extract.`,
      'Open the member to see its metadata instead.',
    );
  }
  if (options.expectedSha256 !== undefined && copied.sha256 !== options.expectedSha256) {
    await rm(destFile, { force: true });
    throw new CountersignError(
      'PACKAGE_HASH_MISMATCH',
      `${JSON.stringify(memberId)} in ${JSON.stringify(basename(deb))} no longer has the SHA-256 it was listed with.`,
      'The package changed since it was listed: compare the packages again.',
    );
  }
}
