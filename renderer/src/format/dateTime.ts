const pad = (value: number) => String(value).padStart(2, '0');

/**
 * An instant as an unambiguous UTC string ("2026-01-15 10:00:00 UTC"):
 * release managers compare these with logs and key listings, so no locale
 * guessing. Text that is not a date is returned as it came.
 */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`
  );
}

/** Whether an instant is already past (invalid dates are not). */
export function isPast(iso: string, now: Date = new Date()): boolean {
  const time = new Date(iso).getTime();
  return !Number.isNaN(time) && time < now.getTime();
}

/** The time of day of an instant, in UTC ("10:00:03"), for log lines. */
export function formatUtcTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}
