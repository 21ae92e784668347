import { errorKindOf, type ErrorCode } from '../../shared/errors';

/** The CLI's exit codes, stable for scripts (see the design brief). */
export const EXIT = { ok: 0, refused: 1, badInput: 2, environment: 3 } as const;

/** An error's exit code follows from its kind (shared/errors.ts). */
export function exitCodeForError(code: ErrorCode): number {
  const kind = errorKindOf(code);
  if (kind === 'environment') return EXIT.environment;
  if (kind === 'refused') return EXIT.refused;
  return EXIT.badInput;
}
