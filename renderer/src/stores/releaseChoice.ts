import type { ReleaseState } from '../../../shared/releases';
import type { TagRef } from '../../../shared/tags';

/** A release candidate by its name alone, for when the engine's list is not there. */
const CANDIDATE_NAME = /[-~_.]rc\d*\b/i;

/**
 * The tag a window opens on: the one the user chose last, while the project
 * still has it, else the newest release (a final release before any release
 * candidate, a signed tag before a lightweight one). `releases` is the
 * engine's list (newest first); `tags` the project's, also newest first, for
 * when the list could not be read.
 */
export function preferredReleaseTag(
  releases: readonly Pick<ReleaseState, 'tag' | 'candidateOf'>[],
  tags: readonly TagRef[],
  remembered: string | null,
): string | null {
  const signed = new Set(tags.filter((tag) => tag.annotated).map((tag) => tag.name));
  const known = new Set([...releases.map((release) => release.tag), ...signed]);
  if (remembered !== null && known.has(remembered)) return remembered;
  const listed = releases.filter((release) => signed.size === 0 || signed.has(release.tag));
  const fromList =
    listed.find((release) => release.candidateOf === null)?.tag ?? listed[0]?.tag ?? null;
  if (fromList !== null) return fromList;
  const names = [...signed];
  return names.find((name) => !CANDIDATE_NAME.test(name)) ?? names[0] ?? null;
}

/** The tags whose verification their review folders record, with when. */
export function recordedVerifications(
  releases: readonly Pick<ReleaseState, 'tag' | 'tagVerified'>[],
): Record<string, string> {
  const recorded: Record<string, string> = {};
  for (const release of releases) {
    if (release.tagVerified) recorded[release.tag] = release.tagVerified.at;
  }
  return recorded;
}
