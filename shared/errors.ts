import { z } from 'zod';

/**
 * Stable error codes, by kind. They cross every boundary (IPC, HTTP, CLI
 * --json) and are what scripts match on, so a code is never renamed once
 * published. The kind decides the CLI's exit code.
 */
export const ERROR_CODES_BY_KIND = {
  /** Bad input or usage: exit 2. */
  input: [
    'INVALID_REQUEST',
    'UNKNOWN_CHANNEL',
    'PROJECT_EXISTS',
    'PROJECT_ID_IN_USE',
    'NOT_A_GIT_REPOSITORY',
    'NOT_OPENPGP',
    'KEY_NOT_IN_KEYRING',
    'NOT_A_MIRROR',
    'REPO_UNREADABLE',
    'TAG_NOT_FOUND',
    'INVALID_KEYRING',
    'KEYBOX_FORMAT',
    'PROJECT_UNREADABLE',
    'INVALID_PROJECT',
    'SIGNER_NOT_FOUND',
    'NO_PROJECT',
    'NO_RECIPE',
    'JOB_NOT_FOUND',
    'NO_CI_SOURCE',
    'NO_REBUILD',
    'SOURCE_UNREADABLE',
    'INVALID_ARCHIVE',
    'UNSUPPORTED_ARCHIVE',
    'ARCHIVE_PATH_TRAVERSAL',
    'ARCHIVE_ABSOLUTE_PATH',
    'ARCHIVE_LINK_ESCAPES',
    'ARCHIVE_SPECIAL_FILE',
    'ARCHIVE_TOO_LARGE',
    'ARCHIVE_RATIO',
    'ARCHIVE_DUPLICATE_ENTRY',
    'INVALID_DEB',
    'INVALID_REPOSITORY',
    'SUITE_AMBIGUOUS',
    'PACKAGE_NOT_FOUND',
    'NO_COMPARISON',
    'ARTIFACT_NOT_FOUND',
    'DIFFERENCE_NOT_FOUND',
    'REPORT_NOT_READY',
    'UNAUTHORIZED',
    'FORBIDDEN_ORIGIN',
    'INVALID_PUBLICATION',
    'APT_PROD_INVALID',
    'NO_APT_PROD',
    'NO_RELEASE_KEY',
    'NOT_APT_SOURCE',
    'NOTHING_TO_ROLL_BACK',
    'INVALID_KEY',
    'NOT_A_PRIVATE_KEY',
    'RELEASE_KEY_MISSING',
    'INVALID_RELEASE_TEXT',
    'INVALID_CHECKSUM_ENTRY',
    'PASSPHRASE_UNREADABLE',
    'NOTHING_PROMOTED',
    'INVALID_ENVELOPE',
    'NO_REVIEWER_KEY',
    'BUNDLE_HOSTILE',
    'NO_REBUILDER_KEY',
  ],
  /** Something around us is missing or broken (a tool, Docker, the network): exit 3. */
  environment: [
    'TOOL_MISSING',
    'DOCKER_UNAVAILABLE',
    'IMAGE_FAILED',
    'REPOSITORY_UNREACHABLE',
    'DOWNLOAD_INCOMPLETE',
    'ENGINE_UNREACHABLE',
    'INVALID_RESPONSE',
    'INTERNAL',
    'DIFFOSCOPE_FAILED',
    'DIFFOSCOPE_TIMEOUT',
    'APT_PROD_BUSY',
    'SIGNED_RELEASE_INVALID',
    'FETCH_FAILED',
  ],
  /** Checked, and the answer was no: exit 1, like a refused tag. */
  refused: [
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
    'AUDIT_HEAD_MISMATCH',
    'POOL_CONFLICT',
    'VERSION_NOT_NEWER',
    'SAME_VERSION_OTHER_BYTES',
    'APT_PROD_TAMPERED',
    'PLAN_CHANGED',
    'PROMOTION_REFUSED',
    'KEY_UNPROTECTED',
    'KEY_CANNOT_SIGN',
    'KEY_EXPIRED',
    'KEY_REVOKED',
    'WEAK_KEY',
    'WRONG_PASSPHRASE',
    'RELEASE_KEY_PIN_MISMATCH',
    'KEY_NOT_APT_COMPATIBLE',
    'REVIEW_INCONSISTENT',
    'REVIEWER_KEY_IS_RELEASE_KEY',
    'BUNDLE_TAMPERED',
    'DECISIONS_SIGNATURE_INVALID',
    'DECISIONS_UNKNOWN_REVIEWER',
    'DECISIONS_REVOKED_REVIEWER',
    'DECISIONS_OTHER_REPORT',
    'REBUILDER_KEY_IS_RELEASE_KEY',
    'REBUILD_LINK_INVALID',
    'UNKNOWN_REBUILDER',
  ],
} as const;

export type ErrorKind = keyof typeof ERROR_CODES_BY_KIND;
export const ERROR_CODES = [
  ...ERROR_CODES_BY_KIND.input,
  ...ERROR_CODES_BY_KIND.environment,
  ...ERROR_CODES_BY_KIND.refused,
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** An error as data: what went wrong, for a person, and what to do about it. */
export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  hint: z.string().optional(),
});
export type AppError = z.infer<typeof appErrorSchema>;

/** Whether a code means bad input, a problem around us, or a refusal. */
export function errorKindOf(code: ErrorCode): ErrorKind {
  if ((ERROR_CODES_BY_KIND.environment as readonly string[]).includes(code)) return 'environment';
  if ((ERROR_CODES_BY_KIND.refused as readonly string[]).includes(code)) return 'refused';
  return 'input';
}

/** How every call answers across a transport: a value, or an error as data. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const outcomeSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);

/** A thrown error that carries an AppError; the core throws it, transports unwrap it. */
export class CountersignError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'CountersignError';
    this.code = code;
    this.hint = hint;
  }
  toAppError(): AppError {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}

/** Turns anything thrown into an AppError fit to show; unknown errors never leak a stack. */
export function toAppError(error: unknown): AppError {
  if (error instanceof CountersignError) return error.toAppError();
  return {
    code: 'INTERNAL',
    message: 'Countersign hit an unexpected error.',
    hint: error instanceof Error ? error.message : String(error),
  };
}
