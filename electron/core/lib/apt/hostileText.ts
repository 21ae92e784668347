/**
 * Names and values read from a repository are written by whoever controls it.
 * They reach messages quoted (so control characters and quotes are escaped)
 * and cut short (so a megabyte "name" cannot flood a terminal or a log).
 */
export function quoted(text: string, maxChars = 80): string {
  const cut = text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
  return JSON.stringify(cut);
}

/** A short, quoted list: the first few items and how many more there are. */
export function quotedList(items: readonly string[], maxItems = 10): string {
  if (items.length === 0) return '(none)';
  const shown = items.slice(0, maxItems).map((item) => quoted(item, 60));
  const more = items.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}
