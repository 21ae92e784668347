const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// RFC 2822 as Release files write it ("Sat, 01 Feb 2026 10:00:00 UTC"); apt
// also accepts GMT, Z and numeric offsets, so we do too.
const RELEASE_DATE =
  /^(?:[A-Za-z]{3},\s+)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s+(UTC|GMT|Z|[+-]\d{4})$/;

/** Parses a Release `Date` or `Valid-Until`; null when it is not such a date. */
export function parseReleaseDate(text: string): Date | null {
  const match = RELEASE_DATE.exec(text.trim());
  if (!match) return null;
  const [, day = '', monthName = '', year = '', hour = '', minute = '', second = '', zone = ''] =
    match;
  const month = MONTHS.findIndex((name) => name.toLowerCase() === monthName.toLowerCase());
  if (month < 0) return null;
  let offsetMinutes = 0;
  if (/^[+-]\d{4}$/.test(zone)) {
    const sign = zone.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  }
  const utc = Date.UTC(
    Number(year),
    month,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  const date = new Date(utc - offsetMinutes * 60_000);
  // Date.UTC rolls "31 Feb" over into March; a real date survives the round trip.
  const check = new Date(utc);
  if (check.getUTCDate() !== Number(day) || Number(hour) > 23 || Number(minute) > 59) return null;
  if (Number(second) > 60) return null;
  return date;
}

/** Formats a date as Release files carry it, always in UTC, to the second. */
export function formatReleaseDate(date: Date): string {
  return date.toUTCString().replace(/GMT$/, 'UTC');
}
