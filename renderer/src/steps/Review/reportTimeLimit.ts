/** diffoscope's time limit unless the user sets one (the engine's default too). */
export const DEFAULT_TIME_LIMIT_SECONDS = 600;
/** The contract's bounds (shared/review.ts, runReportRequestSchema). */
export const MIN_TIME_LIMIT_SECONDS = 10;
export const MAX_TIME_LIMIT_SECONDS = 24 * 3600;

/** The problem with a typed time limit, or undefined when it is a whole number of seconds in range. */
export function timeLimitProblem(text: string): string | undefined {
  const trimmed = text.trim();
  const seconds = Number(trimmed);
  if (trimmed === '' || !Number.isInteger(seconds)) return 'Give a whole number of seconds.';
  if (seconds < MIN_TIME_LIMIT_SECONDS || seconds > MAX_TIME_LIMIT_SECONDS) {
    return `Give between ${MIN_TIME_LIMIT_SECONDS} and ${MAX_TIME_LIMIT_SECONDS} seconds (24 hours).`;
  }
  return undefined;
}
