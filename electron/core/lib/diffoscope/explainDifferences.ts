import type { DifferenceNode } from '../../../../shared/review';

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

/**
 * Marks differences that follow from others, so a reviewer decides a change
 * once: a .deb's md5sums differs exactly in the lines of files whose own
 * differences diffoscope lists under data.tar. Anything else in md5sums
 * (a line for a file that did not change, a malformed line) stays a
 * difference of its own. Also makes sure a differing pair always has at
 * least one difference to decide.
 */
export function explainDifferences(
  nodes: DifferenceNode[],
  md5sums: { ci: string; local: string } | null,
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
