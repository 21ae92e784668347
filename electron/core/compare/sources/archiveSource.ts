import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { ArtifactCopy } from '../../../../shared/compare';
import { CountersignError } from '../../../../shared/errors';
import { readArchive } from '../../lib/archive/readArchive';
import { debControlFromHead } from '../../lib/deb/readDebControl';
import { looksLikeDeb, type ListOptions, type SourceListing } from './sourceListing';

/** A .deb's control member sits near its start; this much is kept to read it as the bytes pass. */
const DEB_HEAD_BYTES = 4 << 20;

/**
 * Lists and hashes the regular files of an archive as they stream past; nothing
 * from it is written to disk, so no name in it can reach the file system.
 */
export async function listArchive(file: string, options: ListOptions): Promise<SourceListing> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    throw new CountersignError(
      'SOURCE_UNREADABLE',
      `${JSON.stringify(file)} is not an archive Countersign can read.`,
      'Check the path; archives may be .zip, .tar, .tar.gz or .tar.xz.',
    );
  }
  const copies: ArtifactCopy[] = [];
  let compressedSeen = 0;
  options.progress.addTotal(info.size);
  const result = await readArchive(
    file,
    async (entry) => {
      const hash = createHash('sha256');
      const head: Buffer[] = [];
      let headBytes = 0;
      let size = 0;
      const keepHead = looksLikeDeb(entry.path);
      for await (const chunk of entry.stream as AsyncIterable<Buffer>) {
        hash.update(chunk);
        size += chunk.length;
        if (keepHead && headBytes < DEB_HEAD_BYTES) {
          head.push(chunk);
          headBytes += chunk.length;
        }
      }
      const control = keepHead
        ? await debControlFromHead(Buffer.concat(head)).catch(() => null)
        : null;
      copies.push({
        path: entry.path,
        size,
        sha256: hash.digest('hex'),
        deb: control?.identity ?? null,
      });
    },
    {
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (read) => {
        options.progress.add(read - compressedSeen);
        compressedSeen = read;
      },
    },
  );
  return {
    source: { kind: 'archive', location: file, repository: null, skipped: result.skipped },
    copies,
  };
}
