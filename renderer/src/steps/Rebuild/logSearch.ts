/** One line of a rebuild's log as kept in the UI. */
export interface LogLine {
  /** Position in the whole log, so React keys stay stable when old lines are dropped. */
  seq: number;
  text: string;
}

/** A piece of a line, marked when it matches the search. */
export interface LinePart {
  text: string;
  match: boolean;
}

/** Appends lines, keeping only the newest `limit`; says how many fell off the front. */
export function appendCapped(
  lines: readonly LogLine[],
  added: readonly string[],
  limit: number,
): { lines: LogLine[]; dropped: number } {
  const start = (lines[lines.length - 1]?.seq ?? -1) + 1;
  const all = [...lines, ...added.map((text, index) => ({ seq: start + index, text }))];
  const dropped = Math.max(all.length - limit, 0);
  return { lines: dropped > 0 ? all.slice(dropped) : all, dropped };
}

/** The lines containing the query, case-insensitively; every line when the query is blank. */
export function filterLines(lines: readonly LogLine[], query: string): readonly LogLine[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return lines;
  return lines.filter((line) => line.text.toLowerCase().includes(needle));
}

/** Splits a line around each case-insensitive occurrence of the query, for highlighting. */
export function splitOnMatches(text: string, query: string): LinePart[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [{ text, match: false }];
  const parts: LinePart[] = [];
  const lower = text.toLowerCase();
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, from)) {
    if (at > from) parts.push({ text: text.slice(from, at), match: false });
    parts.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return parts;
}
