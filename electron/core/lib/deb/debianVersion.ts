/**
 * Debian version numbers, compared exactly as dpkg compares them
 * (deb-version(7), dpkg's lib/dpkg/version.c): `[epoch:]upstream[-revision]`.
 */

/** A version split into the three parts dpkg compares in turn. */
export interface DebianVersion {
  epoch: number;
  upstream: string;
  /** Empty when the version has no `-revision` (dpkg compares it as empty). */
  revision: string;
}

// What dpkg accepts in the upstream part and the revision.
const UPSTREAM_CHARS = /^[A-Za-z0-9.+~:-]+$/;
const REVISION_CHARS = /^[A-Za-z0-9.+~]+$/;

/**
 * Splits a version as dpkg does: the epoch before the first colon, the
 * revision after the last hyphen. Returns null for what dpkg refuses: an empty
 * version, a non-numeric epoch, nothing after the colon, an empty revision,
 * whitespace or characters outside the allowed set.
 */
export function parseDebianVersion(text: string): DebianVersion | null {
  if (text.length === 0 || text.length > 256) return null;
  const colon = text.indexOf(':');
  let epoch = 0;
  let rest = text;
  if (colon >= 0) {
    const epochText = text.slice(0, colon);
    if (!/^\d{1,9}$/.test(epochText)) return null;
    epoch = Number(epochText);
    rest = text.slice(colon + 1);
  }
  const hyphen = rest.lastIndexOf('-');
  const upstream = hyphen >= 0 ? rest.slice(0, hyphen) : rest;
  const revision = hyphen >= 0 ? rest.slice(hyphen + 1) : '';
  if (upstream === '' || !UPSTREAM_CHARS.test(upstream)) return null;
  // A colon in the upstream part is only allowed when there is an epoch.
  if (colon < 0 && upstream.includes(':')) return null;
  if (hyphen >= 0 && (revision === '' || !REVISION_CHARS.test(revision))) return null;
  return { epoch, upstream, revision };
}

const isDigit = (code: number) => code >= 48 && code <= 57;
const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const TILDE = 126;

/**
 * dpkg's weight of one character in a non-digit run: the end of the string
 * (NaN here) and digits weigh 0, `~` sorts before everything (even the end),
 * letters by their code, and every other character after all letters.
 */
function order(code: number): number {
  if (Number.isNaN(code) || isDigit(code)) return 0;
  if (isLetter(code)) return code;
  if (code === TILDE) return -1;
  return code + 256;
}

/**
 * Compares an upstream part or a revision: alternately a run of non-digits
 * (character by character, by `order`) and a run of digits (as numbers, of
 * any length, leading zeros ignored). Returns <0, 0 or >0.
 */
function compareFragment(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (
      (i < a.length && !isDigit(a.charCodeAt(i))) ||
      (j < b.length && !isDigit(b.charCodeAt(j)))
    ) {
      const difference = order(a.charCodeAt(i)) - order(b.charCodeAt(j));
      if (difference !== 0) return difference;
      i += 1;
      j += 1;
    }
    while (a.charCodeAt(i) === 48) i += 1;
    while (b.charCodeAt(j) === 48) j += 1;
    let firstDifference = 0;
    while (isDigit(a.charCodeAt(i)) && isDigit(b.charCodeAt(j))) {
      if (firstDifference === 0) firstDifference = a.charCodeAt(i) - b.charCodeAt(j);
      i += 1;
      j += 1;
    }
    // The longer run of digits is the larger number.
    if (isDigit(a.charCodeAt(i))) return 1;
    if (isDigit(b.charCodeAt(j))) return -1;
    if (firstDifference !== 0) return firstDifference;
  }
  return 0;
}

/**
 * Compares two Debian versions as `dpkg --compare-versions` does: epochs as
 * numbers, then the upstream parts, then the revisions. Returns -1, 0 or 1.
 * Throws on a string that is not a version (see parseDebianVersion): a caller
 * must never order what dpkg would refuse to install.
 */
export function compareDebianVersions(a: string, b: string): -1 | 0 | 1 {
  const left = parseDebianVersion(a);
  const right = parseDebianVersion(b);
  if (!left || !right) {
    throw new Error(`Not a Debian version: ${JSON.stringify((left ? b : a).slice(0, 80))}`);
  }
  const result =
    left.epoch - right.epoch ||
    compareFragment(left.upstream, right.upstream) ||
    compareFragment(left.revision, right.revision);
  return result < 0 ? -1 : result > 0 ? 1 : 0;
}

/** The version as it appears in a .deb's file name: without its epoch. */
export function versionWithoutEpoch(version: string): string {
  const colon = version.indexOf(':');
  return colon >= 0 ? version.slice(colon + 1) : version;
}
