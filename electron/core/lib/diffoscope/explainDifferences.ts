import type { DifferenceNode } from '../../../../shared/review';
import { ID_SEPARATOR } from './reportTree';

const MD5SUMS_LINE = /^([0-9a-f]{32}) {2}(.+)$/;

/** A .deb's md5sums as path → md5; null when any line is not in dpkg's format. */
export function parseMd5sums(text: string): Map<string, string> | null {
  const sums = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const match = MD5SUMS_LINE.exec(line);
    if (!match?.[1] || !match[2] || sums.has(match[2])) return null;
    sums.set(match[2], match[1]);
  }
  return sums;
}

function differingPaths(ci: Map<string, string>, local: Map<string, string>): string[] {
  const paths = new Set<string>();
  for (const [path, md5] of ci) if (local.get(path) !== md5) paths.add(path);
  for (const path of local.keys()) if (!ci.has(path)) paths.add(path);
  return [...paths].sort();
}

/** One line of diffoscope's member listing ("file list"): everything but the size, and the size. */
interface ListingLine {
  name: string;
  /** The line with its size column taken out: what must be equal on both sides. */
  rest: string;
  size: string;
}

// `ls -l`-like, as diffoscope lists ar and tar members: … SIZE YYYY-MM-DD HH:MM:SS[.ffffff] NAME.
// The prefix is lazy: the first size followed by a date is the size column, whatever the name holds.
const LISTING_LINE = /^(.*?\s)(\d+) (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?) (.+)$/;

function parseListingLine(line: string): ListingLine | null {
  const match = LISTING_LINE.exec(line);
  if (!match?.[1] || !match[2] || !match[3] || !match[4]) return null;
  // The size is padded to a width: a longer size takes the padding's place.
  return { name: match[4], rest: `${match[1].trimEnd()} ${match[3]} ${match[4]}`, size: match[2] };
}

/**
 * The members whose size is all that changed in a member listing's diff, or
 * null when anything else changed (a member added, removed, renamed, its
 * mode, owner or date) or a line is not in the listing's format.
 */
export function membersDifferingInSizeOnly(diff: string): string[] | null {
  const removed = new Map<string, ListingLine>();
  const added = new Map<string, ListingLine>();
  for (const line of diff.split('\n')) {
    const side = line.startsWith('-') ? removed : line.startsWith('+') ? added : null;
    if (side === null) continue;
    const parsed = parseListingLine(line.slice(1));
    if (parsed === null || side.has(parsed.name)) return null;
    side.set(parsed.name, parsed);
  }
  if (removed.size === 0 || removed.size !== added.size) return null;
  for (const [name, before] of removed) {
    const after = added.get(name);
    if (!after || after.rest !== before.rest || after.size === before.size) return null;
  }
  return [...removed.keys()];
}

const FILE_LIST = 'file list';

/**
 * The differences a node's differences come down to: itself when it is
 * decided on its own, else the ones it follows from.
 */
function decidedOnTheirOwn(node: DifferenceNode): string[] {
  return node.explainedBy ?? [node.id];
}

/**
 * Marks diffoscope's member listings ("file list": a .deb's ar members, a
 * tar's entries) whose lines differ only in the sizes of members whose own
 * differences are listed beneath them: a changed file changes its size, and
 * a changed data.tar.xz changes the .deb's listing. Deepest listings first,
 * so a listing that follows from another listing points at what that one
 * follows from.
 */
function explainListings(nodes: DifferenceNode[], diffs: ReadonlyMap<string, string>): void {
  const listings = nodes
    .filter(
      (node) =>
        node.decidable &&
        node.explainedBy === null &&
        node.source1 === FILE_LIST &&
        node.source2 === FILE_LIST &&
        node.comments.length === 0 &&
        node.id.endsWith(`${ID_SEPARATOR}${FILE_LIST}`),
    )
    .sort((left, right) => right.depth - left.depth);
  for (const listing of listings) {
    const diff = diffs.get(listing.id);
    const members = diff === undefined ? null : membersDifferingInSizeOnly(diff);
    if (members === null) continue;
    const parent = listing.id.slice(0, -`${ID_SEPARATOR}${FILE_LIST}`.length);
    const explainers = new Set<string>();
    let everyMemberExplained = true;
    for (const member of members) {
      const memberId = `${parent}${ID_SEPARATOR}${member}`;
      const beneath = nodes.filter(
        (node) =>
          node.decidable &&
          node !== listing &&
          (node.id === memberId || node.id.startsWith(`${memberId}${ID_SEPARATOR}`)),
      );
      if (beneath.length === 0) {
        everyMemberExplained = false;
        break;
      }
      for (const node of beneath) for (const id of decidedOnTheirOwn(node)) explainers.add(id);
    }
    if (everyMemberExplained && explainers.size > 0) listing.explainedBy = [...explainers];
  }
}

/**
 * Marks differences that follow from others, so a reviewer decides a change
 * once:
 * - a .deb's md5sums that differs exactly in the lines of files whose own
 *   differences diffoscope lists under data.tar. Anything else in md5sums
 *   (a line for a file that did not change, a malformed line) stays a
 *   difference of its own;
 * - a member listing ("file list") that differs only in the sizes of members
 *   whose own differences are listed (a .deb's control.tar.xz and
 *   data.tar.xz, a tar's changed files), given the report's diffs.
 * Each marked difference names the differences decided on their own that it
 * follows from. Also makes sure a differing pair always has at least one
 * difference to decide.
 */
export function explainDifferences(
  nodes: DifferenceNode[],
  md5sums: { ci: string; local: string } | null,
  diffs: ReadonlyMap<string, string> = new Map(),
): DifferenceNode[] {
  const result = nodes.map((node) => ({ ...node }));
  if (md5sums) {
    const ci = parseMd5sums(md5sums.ci);
    const local = parseMd5sums(md5sums.local);
    const dataFiles = new Map<string, string>();
    for (const node of result) {
      if (node.decidable && node.id.includes('data.tar')) {
        dataFiles.set(node.source1.replace(/^\.\//, ''), node.id);
        dataFiles.set(node.source2.replace(/^\.\//, ''), node.id);
      }
    }
    const paths = ci && local ? differingPaths(ci, local) : null;
    const explainers = paths?.map((path) => dataFiles.get(path) ?? null);
    if (explainers && explainers.length > 0 && explainers.every((id) => id !== null)) {
      for (const node of result) {
        if (
          node.decidable &&
          node.id.includes('control.tar') &&
          /(^|\/)md5sums$/.test(node.source1)
        ) {
          node.explainedBy = [...new Set(explainers)];
        }
      }
    }
  }
  explainListings(result, diffs);
  const root = result[0];
  if (root && !result.some((node) => node.decidable && !node.explainedBy)) {
    root.decidable = true;
    root.explainedBy = null;
    if (root.comments.length === 0) {
      root.comments = ['diffoscope found no specific difference, yet the bytes differ'];
    }
  }
  return result;
}
