/** What a release tag's name says: the version it names and, for a candidate, its final release. */
export interface TagVersion {
  /** The version, Debian's `~` and `:` restored from DEP-14's `_` and `%` ("1.0.0~rc1-1"); null when the name holds none. */
  version: string | null;
  /** For a pre-release (rc, alpha, beta, pre): the final release's tag name it leads to. */
  candidateOf: string | null;
}

// A prefix ("v", "release-", DEP-14's "debian/"), then a version that starts with a digit.
const TAG = /^(?<prefix>(?:.*?[/_-])?)(?<v>v?)(?<version>\d[0-9A-Za-z.+~_%#-]*)$/;
// 1.0.0-rc1, 1.0.0-rc.1, 1.0.0rc1, 1.0.0~rc1-1 (a Debian revision after it), 2.0-beta2.
const PRE_RELEASE =
  /^(?<final>\d[0-9A-Za-z.+:]*?)[-~._]?(?:rc|alpha|beta|pre)[.-]?\d*(?<revision>-[0-9A-Za-z.+~]+)?$/i;

/**
 * DEP-14 writes a Debian version into a tag under a vendor folder
 * (`debian/1.0.0_rc1-1`): `~` as `_`, `:` as `%`, and `..` as `.#.`.
 */
const isDep14 = (prefix: string) => prefix.endsWith('/');
const fromDep14 = (text: string) =>
  text.replaceAll('_', '~').replaceAll('%', ':').replaceAll('.#.', '..');
const toDep14 = (text: string) =>
  text.replaceAll('~', '_').replaceAll(':', '%').replaceAll('..', '.#.');

/**
 * Reads the version a tag names and whether it is a release candidate:
 * `v1.0.0-rc1` leads to `v1.0.0`, DEP-14's `debian/1.0.0_rc1-1` (Debian's
 * `1.0.0~rc1-1`) to `debian/1.0.0-1`.
 */
export function tagVersion(tag: string): TagVersion {
  const groups = TAG.exec(tag)?.groups;
  if (!groups) return { version: null, candidateOf: null };
  const prefix = groups.prefix ?? '';
  const dep14 = isDep14(prefix);
  const raw = groups.version ?? '';
  const version = dep14 ? fromDep14(raw) : raw;
  const pre = PRE_RELEASE.exec(version)?.groups;
  if (!pre) return { version, candidateOf: null };
  const final = `${pre.final ?? ''}${pre.revision ?? ''}`;
  return { version, candidateOf: `${prefix}${groups.v ?? ''}${dep14 ? toDep14(final) : final}` };
}
