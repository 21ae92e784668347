import { z } from 'zod';
import type { DifferenceNode } from '../../../../shared/review';

/** diffoscope's --json report (format version 1), as far as we read it. */
export interface DiffoscopeNode {
  source1: string;
  source2: string;
  unified_diff?: string | null;
  comments?: string[];
  details?: DiffoscopeNode[];
}

const diffoscopeNodeSchema: z.ZodType<DiffoscopeNode> = z.lazy(() =>
  z.object({
    source1: z.string(),
    source2: z.string(),
    unified_diff: z.string().nullable().optional(),
    comments: z.array(z.string()).optional(),
    details: z.array(diffoscopeNodeSchema).optional(),
  }),
);

/** Checks the shape of a parsed report, every node down; throws when it is not one. */
export function parseDiffoscopeReport(json: unknown): DiffoscopeNode {
  const parsed = diffoscopeNodeSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(
    `diffoscope's report is malformed at ${issue?.path.join('.') || 'its root'}: ${issue?.message ?? 'not a report'}.`,
  );
}

export const ID_SEPARATOR = ' ▸ ';

/** A node of the tree, with its diff text kept apart (it can be very large). */
export interface ReportTree {
  nodes: DifferenceNode[];
  /** Each node's unified diff, by id; absent when it has none. */
  diffs: Map<string, string>;
}

function lineCount(text: string): number {
  if (text === '') return 0;
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1))
    count += 1;
  return text.endsWith('\n') ? count : count + 1;
}

/** The name a node goes by: one side's name, or "a ≠ b" when they were renamed. */
function nameOf(node: DiffoscopeNode): string {
  return node.source1 === node.source2 ? node.source1 : `${node.source1} ≠ ${node.source2}`;
}

/**
 * Turns diffoscope's nested report into a flat list in tree order. The root is
 * the artifact itself (named `artifactName`, not by our paths on disk); every
 * node is identified by the names from the root down, so an id means the same
 * member in a re-run of the same pair. A node is a difference to decide when
 * diffoscope said something about it: a diff or a comment.
 */
export function reportTree(report: unknown, artifactName: string): ReportTree {
  const root = parseDiffoscopeReport(report);
  const nodes: DifferenceNode[] = [];
  const diffs = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (node: DiffoscopeNode, depth: number, parentId: string | null) => {
    const name = depth === 0 ? artifactName : nameOf(node);
    let id = parentId === null ? name : `${parentId}${ID_SEPARATOR}${name}`;
    // Two siblings of one name (diffoscope lists "file list" and a member of
    // that name side by side, for instance) stay apart.
    for (
      let suffix = 2;
      diffs.has(id) || nodes.some((existing) => existing.id === id);
      suffix += 1
    ) {
      id = `${parentId ?? ''}${parentId === null ? '' : ID_SEPARATOR}${name} #${suffix}`;
    }
    seen.add(id);
    const diff = node.unified_diff ?? null;
    const comments = node.comments ?? [];
    if (diff) diffs.set(id, diff);
    nodes.push({
      id,
      depth,
      source1: depth === 0 ? artifactName : node.source1,
      source2: depth === 0 ? artifactName : node.source2,
      comments,
      diffLines: diff ? lineCount(diff) : 0,
      decidable: diff !== null || comments.length > 0,
      explainedBy: null,
    });
    for (const child of node.details ?? []) visit(child, depth + 1, id);
  };
  visit(root, 0, null);
  return { nodes, diffs };
}
