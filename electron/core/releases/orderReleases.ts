/** What ordering needs of a release: its tag, its date, and the final release it is a candidate of. */
export interface Orderable {
  tag: string;
  taggedAt: string | null;
  candidateOf: string | null;
}

const time = (at: string | null) => (at === null ? -Infinity : Date.parse(at) || -Infinity);

/** Newest first; undated last; the same date by name, so the order never depends on git's. */
const newestFirst = (a: Orderable, b: Orderable) =>
  time(b.taggedAt) - time(a.taggedAt) || a.tag.localeCompare(b.tag);

/**
 * Orders releases newest first by tag date, each release candidate placed
 * right after its final release (newest candidate first) when the final is
 * there; a candidate whose final is not tagged yet keeps its own place.
 */
export function orderReleases<T extends Orderable>(releases: readonly T[]): T[] {
  const tags = new Set(releases.map((release) => release.tag));
  const grouped = (release: T) =>
    release.candidateOf !== null &&
    release.candidateOf !== release.tag &&
    tags.has(release.candidateOf);
  const candidates = new Map<string, T[]>();
  for (const release of releases) {
    if (!grouped(release) || release.candidateOf === null) continue;
    candidates.set(release.candidateOf, [...(candidates.get(release.candidateOf) ?? []), release]);
  }
  return [...releases]
    .filter((release) => !grouped(release))
    .sort(newestFirst)
    .flatMap((release) => [release, ...(candidates.get(release.tag) ?? []).sort(newestFirst)]);
}
