import type { DiffoscopeNode } from '../reportTree';

/**
 * Each line of hostile text as a "# " line: a name or comment with a newline
 * in it must never turn into a line of the diff ("+evil").
 */
export function commentLines(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => `# ${line}`.trimEnd())
    .join('\n');
}

/**
 * The unified diffs of a report's nodes in tree order, each preceded by its
 * comments as "# " lines; a nested node is headed by its names on both sides
 * (the command diffoscope ran, or the member inside a container), so a diff
 * of "readelf --symbols" is not mistaken for one of the bytes.
 */
export function reportText(root: DiffoscopeNode): string {
  const parts: string[] = [];
  const visit = (node: DiffoscopeNode, depth: number): void => {
    if (depth > 0) {
      const title =
        node.source1 === node.source2 ? node.source1 : `${node.source1} ↔ ${node.source2}`;
      parts.push(commentLines(`── ${title}`));
    }
    for (const comment of node.comments ?? []) parts.push(commentLines(comment));
    if (node.unified_diff) parts.push(node.unified_diff.replace(/\n$/, ''));
    for (const child of node.details ?? []) visit(child, depth + 1);
  };
  visit(root, 0);
  return parts.length === 0 ? '' : `${parts.join('\n')}\n`;
}
