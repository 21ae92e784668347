import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DebIdentity } from '../../../../shared/compare';
import { CountersignError } from '../../../../shared/errors';
import type { Deb822Paragraph } from './deb822';
import { AR_HEADER_SIZE, AR_MAGIC, parseArHeader } from './arArchive';
import { controlCompression, parseControlMember } from './controlMember';
import { invalidDeb } from './debErrors';

/** A binary package's identity and its whole control paragraph. */
export interface DebControl {
  identity: DebIdentity;
  control: Deb822Paragraph;
}

/** Control members are kilobytes; this only bounds what a hostile header can make us allocate. */
const MAX_CONTROL_MEMBER = 64 * 1024 * 1024;

/**
 * Reads `length` bytes at `position`; fewer when the bytes end (the end of a
 * file, or of the head of a stream).
 */
type ReadAt = (position: number, length: number) => Promise<Buffer>;

/** Signals that the bytes at hand end before the control member does. */
class Incomplete extends Error {}

/**
 * Walks the ar archive to the control member and returns its name and bytes:
 * "!<arch>\n", then debian-binary ("2.0\n"), then optional members whose names
 * start with "_" (deb(5) reserves them), then control.tar[.gz|.xz]. data.tar is
 * never touched. Throws Incomplete when `readAt` runs out of bytes.
 */
async function findControlMember(readAt: ReadAt): Promise<{ name: string; data: Buffer }> {
  const readAll = async (position: number, length: number): Promise<Buffer> => {
    const bytes = await readAt(position, length);
    if (bytes.length < length) throw new Incomplete();
    return bytes;
  };
  const magic = await readAt(0, AR_MAGIC.length);
  if (!AR_MAGIC.subarray(0, magic.length).equals(magic)) {
    throw invalidDeb(
      'The file is not a Debian package (it does not start with an ar archive header).',
    );
  }
  if (magic.length < AR_MAGIC.length) throw new Incomplete();

  const first = parseArHeader(await readAll(AR_MAGIC.length, AR_HEADER_SIZE), AR_MAGIC.length);
  if (first.name !== 'debian-binary') {
    throw invalidDeb('The package does not start with its debian-binary member.');
  }
  const version = await readAll(first.dataOffset, Math.min(first.size, 16));
  if (first.size !== 4 || version.toString('latin1') !== '2.0\n') {
    throw invalidDeb('The package is not in format 2.0 (its debian-binary member says otherwise).');
  }
  for (let offset = first.nextOffset; ;) {
    const member = parseArHeader(await readAll(offset, AR_HEADER_SIZE), offset);
    if (member.name.startsWith('_')) {
      offset = member.nextOffset;
      continue;
    }
    if (controlCompression(member.name) === null) {
      throw invalidDeb(
        `The package has ${JSON.stringify(member.name)} where its control member should be.`,
      );
    }
    if (member.size > MAX_CONTROL_MEMBER) {
      throw invalidDeb('The package declares an implausibly large control member.');
    }
    return { name: member.name, data: await readAll(member.dataOffset, member.size) };
  }
}

/**
 * Reads the control data of a .deb file on disk: only the bytes up to the
 * end of its control member. Throws INVALID_DEB for anything that is not a
 * readable package (bad magic, truncated member, missing Package, Version or Architecture).
 */
export async function readDebControl(file: string): Promise<DebControl> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new CountersignError(
      'SOURCE_UNREADABLE',
      `Countersign cannot open ${JSON.stringify(file)}: ${error instanceof Error ? error.message : String(error)}.`,
      'Check the path and its permissions.',
    );
  }
  const opened = handle;
  try {
    const readAt: ReadAt = async (position, length) => {
      const buffer = Buffer.alloc(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await opened.read(buffer, done, length - done, position + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return buffer.subarray(0, done);
    };
    const member = await findControlMember(readAt);
    return await parseControlMember(member.name, member.data);
  } catch (error) {
    if (error instanceof Incomplete) {
      throw invalidDeb(`${JSON.stringify(basename(file))} is truncated.`);
    }
    if (error instanceof CountersignError) {
      throw new CountersignError(
        error.code,
        `${JSON.stringify(basename(file))}: ${error.message}`,
        error.hint,
      );
    }
    throw error;
  } finally {
    await opened.close();
  }
}

/**
 * The same, from the first bytes of a .deb as a stream passes by. Returns null
 * when the control member does not end within `head`; throws INVALID_DEB when
 * the bytes already show it is not a readable package.
 */
export async function debControlFromHead(head: Buffer): Promise<DebControl | null> {
  const readAt: ReadAt = (position, length) =>
    Promise.resolve(head.subarray(position, position + length));
  let member: { name: string; data: Buffer };
  try {
    member = await findControlMember(readAt);
  } catch (error) {
    if (error instanceof Incomplete) return null;
    throw error;
  }
  return parseControlMember(member.name, member.data);
}
