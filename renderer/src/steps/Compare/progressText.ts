import type { JobProgress } from '../../../../shared/jobs';
import { formatByteSize } from '../../format/byteSize';

/** "1.5 MiB of 3.0 MiB hashed" for bytes; "2 of 5 files" for other units. */
export function describeProgress(progress: JobProgress): string {
  if (progress.unit === 'bytes') {
    return `${formatByteSize(progress.done)} of ${formatByteSize(progress.total)} hashed`;
  }
  return `${progress.done} of ${progress.total} ${progress.unit}`;
}
