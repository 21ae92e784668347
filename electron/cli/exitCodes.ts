import type { ErrorCode } from '../../shared/errors';

/** The CLI's exit codes, stable for scripts (see the design brief). */
export const EXIT = { ok: 0, refused: 1, badInput: 2, environment: 3 } as const;

const ENVIRONMENT_CODES: ReadonlySet<ErrorCode> = new Set([
  'TOOL_MISSING',
  'DOCKER_UNAVAILABLE',
  'IMAGE_FAILED',
  'REPOSITORY_UNREACHABLE',
  'DOWNLOAD_INCOMPLETE',
  'INTERNAL',
]);
// Checked, and the answer was no: the same exit as a refused tag.
const REFUSAL_CODES: ReadonlySet<ErrorCode> = new Set([
  'BUILD_FAILED',
  'CANCELLED',
  'TAG_NOT_VERIFIED',
  'REPOSITORY_UNSIGNED',
  'REPOSITORY_SIGNATURE_INVALID',
  'REPOSITORY_EXPIRED',
  'INDEX_HASH_MISMATCH',
  'INDEX_MISSING',
  'PACKAGE_HASH_MISMATCH',
  'LOCAL_TAMPERED',
  'AUDIT_LOG_BROKEN',
]);

export function exitCodeForError(code: ErrorCode): number {
  if (ENVIRONMENT_CODES.has(code)) return EXIT.environment;
  if (REFUSAL_CODES.has(code)) return EXIT.refused;
  return EXIT.badInput;
}
