import type { ArchiveFormat } from '../../archive/archiveFormat';
import type { FileWindow } from '../../archive/fileChunks';
import { AR_HEADER_SIZE, AR_MAGIC, parseArHeader } from '../../deb/arArchive';
import { controlCompression } from '../../deb/controlMember';
import { invalidDeb } from '../../deb/debErrors';
import type { DebContainer } from './memberId';

export type TarCompression = Exclude<ArchiveFormat, 'zip'>;

/** Where one of a package's tar archives lies in the .deb file, and how it is compressed. */
export interface ContainerSpan {
  container: DebContainer;
  /** The ar member's name, e.g. "data.tar.xz". */
  name: string;
  offset: number;
  size: number;
  compression: TarCompression;
}

const DATA_UNSUPPORTED: Record<string, string> = {
  'data.tar.zst': 'zstd',
  'data.tar.bz2': 'bzip2',
  'data.tar.lzma': 'lzma',
};

/** data.tar's compression from its member name, as dpkg-deb writes it. */
export function dataCompression(name: string): TarCompression | null {
  if (name === 'data.tar') return 'tar';
  if (name === 'data.tar.gz') return 'gzip';
  if (name === 'data.tar.xz') return 'xz';
  const unsupported = DATA_UNSUPPORTED[name];
  if (unsupported !== undefined) {
    throw invalidDeb(
      `The package compresses its data with ${unsupported}, which Countersign cannot read yet. Rebuild it with "dpkg-deb -Zxz" (or -Zgzip), or compare it with diffoscope's full report.`,
    );
  }
  if (name.startsWith('data.tar.')) {
    throw invalidDeb(
      `The package's data member ${JSON.stringify(name)} uses an unknown compression.`,
    );
  }
  return null;
}

/**
 * Walks the ar archive as deb(5) lays it out: debian-binary ("2.0\n"), members
 * reserved with a leading "_" (skipped), control.tar[.gz|.xz], then
 * data.tar[.gz|.xz]. Only headers are read; both spans are checked to lie
 * within the file, so a truncated package is refused before any tar is read.
 */
export async function readDebLayout(
  file: FileWindow,
  fileSize: number,
): Promise<{ control: ContainerSpan; data: ContainerSpan }> {
  if (fileSize < AR_MAGIC.length || !(await file.read(0, AR_MAGIC.length)).equals(AR_MAGIC)) {
    throw invalidDeb(
      'The file is not a Debian package (it does not start with an ar archive header).',
    );
  }
  const memberAt = async (offset: number) => {
    if (offset + AR_HEADER_SIZE > fileSize) throw invalidDeb('The package is truncated.');
    const member = parseArHeader(await file.read(offset, AR_HEADER_SIZE), offset);
    if (member.dataOffset + member.size > fileSize) {
      throw invalidDeb(
        `The package is truncated inside its ${JSON.stringify(member.name)} member.`,
      );
    }
    return member;
  };
  const first = await memberAt(AR_MAGIC.length);
  const version =
    first.name === 'debian-binary' && first.size === 4
      ? (await file.read(first.dataOffset, 4)).toString('latin1')
      : '';
  if (version !== '2.0\n') {
    throw invalidDeb('The package does not start with a debian-binary member saying "2.0".');
  }
  let offset = first.nextOffset;
  const next = async (what: DebContainer, compression: (name: string) => TarCompression | null) => {
    for (;;) {
      const member = await memberAt(offset);
      offset = member.nextOffset;
      if (member.name.startsWith('_')) continue;
      const format = compression(member.name);
      if (format === null) {
        throw invalidDeb(
          `The package has ${JSON.stringify(member.name)} where its ${what} member should be.`,
        );
      }
      return {
        container: what,
        name: member.name,
        offset: member.dataOffset,
        size: member.size,
        compression: format,
      };
    }
  };
  const control = await next('control.tar', controlCompression);
  const data = await next('data.tar', dataCompression);
  return { control, data };
}
