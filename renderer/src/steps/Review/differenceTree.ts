import type {
  ArtifactReview,
  DifferenceNode,
  MemberDifference,
  ReviewDecision,
} from '../../../../shared/review';

/** Where one difference stands: decided either way, or still waiting for a person. */
export type DifferenceStatus = 'accepted' | 'blocking' | 'unreviewed';
/** What the tree shows: every node, or the differences of one status (with their ancestors). */
export type DifferenceFilter = 'all' | DifferenceStatus;

export const DIFFERENCE_FILTERS: readonly DifferenceFilter[] = [
  'all',
  'unreviewed',
  'accepted',
  'blocking',
];

type Decisions = Readonly<Record<string, ReviewDecision>>;

/**
 * A difference's status: its own decision; for one Countersign proved follows
 * from others (`explainedBy`), theirs (blocking if any blocks, accepted when
 * all are); null for a container node, which has nothing to decide.
 */
export function differenceStatus(
  node: DifferenceNode,
  decisions: Decisions,
): DifferenceStatus | null {
  if (!node.decidable) return null;
  const own = decisions[node.id];
  if (own) return own.decision;
  if (node.explainedBy === null) return 'unreviewed';
  const theirs = node.explainedBy.map((id) => decisions[id]?.decision);
  if (theirs.includes('blocking')) return 'blocking';
  return theirs.every((decision) => decision === 'accepted') ? 'accepted' : 'unreviewed';
}

/** One row of the tree: a node of diffoscope's report, or a member of the provisional listing. */
export type TreeRow =
  | {
      kind: 'node';
      id: string;
      depth: number;
      node: DifferenceNode;
      status: DifferenceStatus | null;
      /** Differences can be selected and decided; containers only group. */
      selectable: boolean;
    }
  | { kind: 'member'; id: string; depth: 0; member: MemberDifference; selectable: true };

/**
 * The report's rows for a filter: all nodes, or the differences of the status
 * asked for together with every ancestor, so each keeps its place in the
 * tree. One pass over the flat list (ancestors come before their children).
 */
export function reportRows(
  nodes: readonly DifferenceNode[],
  decisions: Decisions,
  filter: DifferenceFilter,
): TreeRow[] {
  const rows: TreeRow[] = [];
  // The latest node seen at each depth: a node's ancestors, once it is reached.
  const path: { node: DifferenceNode; shown: boolean }[] = [];
  for (const node of nodes) {
    const status = differenceStatus(node, decisions);
    const row: TreeRow = {
      kind: 'node',
      id: node.id,
      depth: node.depth,
      node,
      status,
      selectable: node.decidable,
    };
    path.length = Math.min(path.length, node.depth);
    const entry = { node, shown: false };
    if (filter === 'all' || status === filter) {
      for (const ancestor of path) {
        if (ancestor.shown) continue;
        ancestor.shown = true;
        const ancestorStatus = differenceStatus(ancestor.node, decisions);
        rows.push({
          kind: 'node',
          id: ancestor.node.id,
          depth: ancestor.node.depth,
          node: ancestor.node,
          status: ancestorStatus,
          selectable: ancestor.node.decidable,
        });
      }
      entry.shown = true;
      rows.push(row);
    }
    path[node.depth] = entry;
  }
  return rows;
}

/** The provisional rows: Countersign's own member listing, while diffoscope's report runs. */
export function memberRows(members: readonly MemberDifference[]): TreeRow[] {
  return members.map((member) => ({
    kind: 'member',
    id: member.id,
    depth: 0,
    member,
    selectable: true,
  }));
}

/** The rows the tree shows for a review: the report's when it is ready, else the members. */
export function treeRows(review: ArtifactReview, filter: DifferenceFilter): TreeRow[] {
  return review.report.state === 'ready'
    ? reportRows(review.nodes, review.decisions, filter)
    : memberRows(review.members);
}

/** Whether `n` stops at a row: an undecided difference that is decided on its own. */
export function awaitsDecision(row: TreeRow): boolean {
  return row.kind === 'node' && row.status === 'unreviewed' && row.node.explainedBy === null;
}

/**
 * The next (step 1) or previous (step -1) selectable row from the row `fromId`
 * (the first or last when it is not among them), or null at the end.
 */
export function stepSelection(
  rows: readonly TreeRow[],
  fromId: string | null,
  step: 1 | -1,
): string | null {
  const from = fromId === null ? -1 : rows.findIndex((row) => row.id === fromId);
  let index = from === -1 ? (step === 1 ? 0 : rows.length - 1) : from + step;
  for (; index >= 0 && index < rows.length; index += step) {
    if (rows[index]?.selectable) return rows[index]?.id ?? null;
  }
  return null;
}

/** The first or last selectable row. */
export function edgeSelection(rows: readonly TreeRow[], edge: 'first' | 'last'): string | null {
  return stepSelection(rows, null, edge === 'first' ? 1 : -1);
}

/** The next difference awaiting a decision after `fromId`, wrapping around; null when none is left. */
export function nextAwaitingDecision(
  rows: readonly TreeRow[],
  fromId: string | null,
): string | null {
  const from = fromId === null ? -1 : rows.findIndex((row) => row.id === fromId);
  for (let offset = 1; offset <= rows.length; offset += 1) {
    const row = rows[(from + offset + rows.length) % rows.length];
    if (row && awaitsDecision(row)) return row.id;
  }
  return null;
}

/**
 * Whether a row is a difference that follows from others: one Countersign
 * proved derived (an md5sums, a listing that differs only in sizes), or, in
 * the provisional listing, a package's md5sums, which changes whenever one of
 * its files does. Opening on it would show the consequence, not the cause.
 */
export function isDerived(row: TreeRow): boolean {
  if (row.kind === 'node') return row.node.explainedBy !== null;
  return /(^|\/)md5sums$/.test(row.member.path) && row.id.startsWith('control.tar');
}

/** The first difference to open on: one awaiting a decision, else one decided on its own. */
function firstOwnDifference(rows: readonly TreeRow[]): string | null {
  return (
    rows.find(awaitsDecision)?.id ??
    rows.find((row) => row.selectable && !isDerived(row))?.id ??
    edgeSelection(rows, 'first')
  );
}

/**
 * What to select when a review (re)loads: the current selection if it is
 * still there; for a member of the provisional view, the report's node for the
 * same path once the report is ready; else the first difference awaiting a
 * decision, else the first decided on its own, else the first row that can be
 * selected. A difference that only follows from others is kept only when the
 * user chose it (`chosen`); picked automatically, the review goes to what it
 * follows from instead, so it never opens on the consequence.
 */
export function pickSelection(
  rows: readonly TreeRow[],
  current: string | null,
  previousMemberPath: string | null,
  chosen = false,
): string | null {
  const explanationOf = (row: TreeRow): string | null => {
    if (chosen || !isDerived(row)) return row.id;
    const firstCause = row.kind === 'node' ? row.node.explainedBy?.[0] : undefined;
    return rows.some((candidate) => candidate.selectable && candidate.id === firstCause)
      ? (firstCause ?? null)
      : null;
  };
  const kept =
    current === null ? undefined : rows.find((row) => row.selectable && row.id === current);
  if (kept) {
    const id = explanationOf(kept);
    if (id !== null) return id;
  }
  if (previousMemberPath !== null) {
    const same = rows.find(
      (row) =>
        row.kind === 'node' &&
        row.selectable &&
        (row.node.source1 === previousMemberPath ||
          row.node.source2 === previousMemberPath ||
          row.id.endsWith(previousMemberPath)),
    );
    const id = same ? explanationOf(same) : null;
    if (id !== null) return id;
  }
  return firstOwnDifference(rows);
}

/** The separator of the names in a node id, from the artifact down. */
export const ID_SEPARATOR = ' ▸ ';

/** The last name in a node id: a difference named briefly. */
export function lastName(id: string): string {
  return id.split(ID_SEPARATOR).at(-1) ?? id;
}

/** The name a node shows: its member's name, or both when the sides name it differently. */
export function nodeLabel(node: DifferenceNode): string {
  return node.source1 === node.source2 ? node.source1 : `${node.source1} ↔ ${node.source2}`;
}
