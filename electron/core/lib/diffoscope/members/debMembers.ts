import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { CountersignError } from '../../../../../shared/errors';
import { DEFAULT_ARCHIVE_LIMITS, UnpackBudget } from '../../archive/archiveLimits';
import { tarBytes } from '../../archive/decompressStream';
import { FileWindow, readFileRange } from '../../archive/fileChunks';
import { readDebLayout, type ContainerSpan } from './debLayout';
import type { DebContainer } from './memberId';
import { readTarMembers, type TarMember } from './tarMembers';

/**
 * What a package's tar archives may cost before it is refused. No ratio
 * limit: nothing is unpacked to disk or held in memory, so a highly
 * compressible package (a zero-filled image) costs only time, which the total
 * bounds. Entries go far beyond the artifact reader's 100,000: a documentation
 * package can hold hundreds of thousands of files.
 */
const LIMITS: Record<DebContainer, { maxTotalBytes: number; maxEntries: number }> = {
  'control.tar': { maxTotalBytes: 256 * 1024 * 1024, maxEntries: 10_000 },
  'data.tar': { maxTotalBytes: DEFAULT_ARCHIVE_LIMITS.maxTotalBytes, maxEntries: 2_000_000 },
};

export interface DebTarMember extends TarMember {
  container: DebContainer;
}

async function openDeb(file: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new CountersignError(
      'SOURCE_UNREADABLE',
      `Countersign cannot open ${JSON.stringify(file)}: ${error instanceof Error ? error.message : String(error)}.`,
      'Check the path and its permissions.',
    );
  }
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    throw new CountersignError(
      'SOURCE_UNREADABLE',
      `${JSON.stringify(file)} is not a file.`,
      'Give the package file itself.',
    );
  }
  return { handle, size: info.size };
}

/**
 * Damage inside a package's tar archives is the package's fault: INVALID_DEB,
 * naming the file and the archive. Limits and cancellation keep their codes.
 */
function inPackage(file: string, span: ContainerSpan | null, error: unknown): unknown {
  if (!(error instanceof CountersignError) || error.code === 'CANCELLED') return error;
  const code =
    error.code === 'INVALID_ARCHIVE' || error.code === 'UNSUPPORTED_ARCHIVE'
      ? 'INVALID_DEB'
      : error.code;
  const where = span ? ` ${span.name}` : '';
  return new CountersignError(
    code,
    `${JSON.stringify(basename(file))}${where}: ${error.message}`,
    error.hint,
  );
}

/**
 * Every member of a .deb's control.tar and data.tar (or only `containers`), in
 * archive order, each archive streamed once from the file and decompressed as
 * it is read. A member's `content` must be read before the next is asked for
 * (what is left is skipped). The file is closed however the loop ends.
 */
export async function* readDebMembers(
  file: string,
  options: { containers?: readonly DebContainer[]; signal?: AbortSignal } = {},
): AsyncGenerator<DebTarMember> {
  const { signal } = options;
  const wanted = options.containers ?? ['control.tar', 'data.tar'];
  const { handle, size } = await openDeb(file);
  let span: ContainerSpan | null = null;
  try {
    const window = new FileWindow(handle);
    const layout = await readDebLayout(window, size);
    for (const current of [layout.control, layout.data]) {
      if (!wanted.includes(current.container)) continue;
      span = current;
      const budget = new UnpackBudget({ ...LIMITS[current.container], maxRatio: Infinity });
      const compressed = readFileRange(
        window,
        current.offset,
        current.size,
        () => undefined,
        signal,
      );
      for await (const member of readTarMembers(
        tarBytes(current.compression, compressed),
        budget,
        signal,
      )) {
        yield { container: current.container, ...member };
      }
    }
  } catch (error) {
    throw inPackage(file, span, error);
  } finally {
    await handle.close();
  }
}
