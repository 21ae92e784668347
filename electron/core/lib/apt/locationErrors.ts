import { CountersignError } from '../../../../shared/errors';

/** Throws CANCELLED when the caller gave up; reading stops at the next step. */
export function cancelledIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new CountersignError('CANCELLED', 'Reading the repository was cancelled.');
  }
}

/**
 * A file larger than the most it may be (a size cap, or the size Release
 * lists). Its own class so that a reader can tell "too large" from other
 * invalid data and report it as a hash mismatch where that is what it means.
 */
export class FileTooLargeError extends CountersignError {
  constructor(display: string, path: string[], maxBytes: number) {
    const size =
      maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / 1024 / 1024)} MiB` : `${maxBytes} bytes`;
    super(
      'INVALID_REPOSITORY',
      `${JSON.stringify(path.join('/').slice(0, 200))} in ${display} is larger than ${size}, more than it can honestly be.`,
      'The repository is damaged or hostile; ask its owner to republish it.',
    );
  }
}

export function tooLarge(display: string, path: string[], maxBytes: number): FileTooLargeError {
  return new FileTooLargeError(display, path, maxBytes);
}
