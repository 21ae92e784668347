import { CountersignError } from '../../../../shared/errors';

/**
 * Entry names come from hostile archives: quoting them with JSON.stringify keeps
 * control characters, newlines and terminal escapes from reaching a log or a UI as-is.
 */
export function quoteName(name: string): string {
  return JSON.stringify(name);
}

/** The archive is damaged or lies about itself (truncated, bad checksum, sizes that do not add up). */
export function invalidArchive(message: string): CountersignError {
  return new CountersignError(
    'INVALID_ARCHIVE',
    message,
    'Download the artifact again; if it stays broken, ask the CI maintainers to re-create it.',
  );
}

/** A valid archive that uses something Countersign deliberately does not read. */
export function unsupportedArchive(message: string, hint: string): CountersignError {
  return new CountersignError('UNSUPPORTED_ARCHIVE', message, hint);
}

/** The caller's signal fired: not a fault of the archive. */
export function cancelled(): CountersignError {
  return new CountersignError('CANCELLED', 'Reading the archive was cancelled.');
}

/** Throws CANCELLED when the signal has fired; called between chunks and entries. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled();
}

/**
 * Registers `onAbort` for the signal (running it at once when already aborted)
 * and returns the function that unregisters it, so no listener outlives a read.
 */
export function onAbort(signal: AbortSignal | undefined, onAbort: () => void): () => void {
  if (!signal) return () => undefined;
  if (signal.aborted) {
    onAbort();
    return () => undefined;
  }
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}
