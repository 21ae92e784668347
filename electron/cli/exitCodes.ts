import type { ErrorCode } from '../../shared/errors';

/** The CLI's exit codes, stable for scripts (see the design brief). */
export const EXIT = { ok: 0, refused: 1, badInput: 2, environment: 3 } as const;

const ENVIRONMENT_CODES: ReadonlySet<ErrorCode> = new Set(['TOOL_MISSING', 'INTERNAL']);

export function exitCodeForError(code: ErrorCode): number {
  return ENVIRONMENT_CODES.has(code) ? EXIT.environment : EXIT.badInput;
}
