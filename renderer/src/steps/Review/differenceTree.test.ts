import { describe, expect, it } from 'vitest';
import type { DifferenceNode, ReviewDecision } from '../../../../shared/review';
import {
  differenceStatus,
  memberRows,
  nextAwaitingDecision,
  pickSelection,
  reportRows,
  stepSelection,
  type TreeRow,
} from './differenceTree';

const node = (
  id: string,
  depth: number,
  overrides: Partial<DifferenceNode> = {},
): DifferenceNode => ({
  id,
  depth,
  source1: id.split(' ▸ ').at(-1)!,
  source2: id.split(' ▸ ').at(-1)!,
  comments: [],
  diffLines: 0,
  decidable: false,
  explainedBy: null,
  ...overrides,
});

const decision = (differenceId: string, value: 'accepted' | 'blocking'): ReviewDecision => ({
  differenceId,
  decision: value,
  comment: value === 'accepted' ? 'Only a build date.' : '',
  reviewer: 'Dana Maintainer',
  at: '2026-02-01T10:00:00.000Z',
  rule: null,
});

// doc.deb ▸ data.tar ▸ README (differs), doc.deb ▸ data.tar ▸ changelog.gz (differs),
// doc.deb ▸ control.tar ▸ md5sums (follows from both).
const README = 'doc.deb ▸ data.tar ▸ ./README';
const CHANGELOG = 'doc.deb ▸ data.tar ▸ ./changelog.gz';
const MD5SUMS = 'doc.deb ▸ control.tar ▸ ./md5sums';
const nodes: DifferenceNode[] = [
  node('doc.deb', 0),
  node('doc.deb ▸ data.tar', 1),
  node(README, 2, { decidable: true, diffLines: 5 }),
  node(CHANGELOG, 2, { decidable: true, comments: ['gzip compressed data'] }),
  node('doc.deb ▸ control.tar', 1),
  node(MD5SUMS, 2, { decidable: true, diffLines: 4, explainedBy: [README, CHANGELOG] }),
];
const ids = (rows: TreeRow[]) => rows.map((row) => row.id);

describe('the tree of differences', () => {
  it('gives a difference its own decision, and one that follows from others theirs', () => {
    const md5sums = nodes[5]!;
    expect(differenceStatus(nodes[0]!, {})).toBeNull();
    expect(differenceStatus(nodes[2]!, {})).toBe('unreviewed');
    expect(differenceStatus(md5sums, { [README]: decision(README, 'accepted') })).toBe(
      'unreviewed',
    );
    expect(
      differenceStatus(md5sums, {
        [README]: decision(README, 'accepted'),
        [CHANGELOG]: decision(CHANGELOG, 'accepted'),
      }),
    ).toBe('accepted');
    expect(differenceStatus(md5sums, { [CHANGELOG]: decision(CHANGELOG, 'blocking') })).toBe(
      'blocking',
    );
  });

  it('filters by status and keeps each shown difference’s ancestors, in tree order', () => {
    const decisions = { [README]: decision(README, 'accepted') };
    expect(ids(reportRows(nodes, decisions, 'all'))).toEqual(
      nodes.map((candidate) => candidate.id),
    );
    expect(ids(reportRows(nodes, decisions, 'accepted'))).toEqual([
      'doc.deb',
      'doc.deb ▸ data.tar',
      README,
    ]);
    expect(ids(reportRows(nodes, decisions, 'unreviewed'))).toEqual([
      'doc.deb',
      'doc.deb ▸ data.tar',
      CHANGELOG,
      'doc.deb ▸ control.tar',
      MD5SUMS,
    ]);
    expect(reportRows(nodes, decisions, 'blocking')).toEqual([]);
  });

  it('filters 5,000 nodes in one pass', () => {
    const many: DifferenceNode[] = [node('big.deb', 0)];
    for (let i = 0; i < 5_000; i += 1) {
      many.push(node(`big.deb ▸ ./file-${i}`, 1, { decidable: true, diffLines: 3 }));
    }
    const started = performance.now();
    const rows = reportRows(many, {}, 'unreviewed');
    expect(rows).toHaveLength(5_001);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('steps between differences only, skipping the containers, and stops at the ends', () => {
    const rows = reportRows(nodes, {}, 'all');
    expect(stepSelection(rows, null, 1)).toBe(README);
    expect(stepSelection(rows, README, 1)).toBe(CHANGELOG);
    expect(stepSelection(rows, CHANGELOG, 1)).toBe(MD5SUMS);
    expect(stepSelection(rows, MD5SUMS, 1)).toBeNull();
    expect(stepSelection(rows, README, -1)).toBeNull();
    expect(stepSelection(rows, null, -1)).toBe(MD5SUMS);
  });

  it('finds the next difference awaiting a decision, wrapping around and skipping what follows from others', () => {
    const rows = reportRows(nodes, { [CHANGELOG]: decision(CHANGELOG, 'blocking') }, 'all');
    expect(nextAwaitingDecision(rows, null)).toBe(README);
    expect(nextAwaitingDecision(rows, README)).toBe(README);
    const none = reportRows(
      nodes,
      { [README]: decision(README, 'accepted'), [CHANGELOG]: decision(CHANGELOG, 'accepted') },
      'all',
    );
    expect(nextAwaitingDecision(none, README)).toBeNull();
  });

  it('keeps the selection, moves from a member to the report’s node for it, or picks the first undecided', () => {
    const rows = reportRows(nodes, { [README]: decision(README, 'accepted') }, 'all');
    expect(pickSelection(rows, MD5SUMS, null, true)).toBe(MD5SUMS);
    expect(pickSelection(rows, 'doc.deb', null)).toBe(CHANGELOG);
    expect(pickSelection(rows, 'data.tar ▸ ./README', './README')).toBe(README);
    expect(pickSelection([], 'x', null)).toBeNull();
    const members = memberRows([
      { id: 'data.tar ▸ ./README', path: './README', status: 'differs', ciSize: 10, localSize: 10 },
    ]);
    expect(pickSelection(members, null, null)).toBe('data.tar ▸ ./README');
  });

  it('never opens on a difference that only follows from others, unless the user chose it', () => {
    const rows = reportRows(nodes, {}, 'all');
    // Picked by the step (or carried over from the provisional md5sums): what it follows from.
    expect(pickSelection(rows, MD5SUMS, null)).toBe(README);
    expect(pickSelection(rows, null, './md5sums')).toBe(README);
    expect(pickSelection(rows, null, './md5sums', true)).toBe(MD5SUMS);
    // Everything decided: the first difference decided on its own, not the derived one.
    const decided = reportRows(
      [nodes[0]!, nodes[4]!, nodes[5]!, nodes[1]!, nodes[2]!, nodes[3]!],
      { [README]: decision(README, 'accepted'), [CHANGELOG]: decision(CHANGELOG, 'accepted') },
      'all',
    );
    expect(pickSelection(decided, null, null)).toBe(README);
    // The provisional listing: a package's md5sums is listed first, its changed file opened.
    const members = memberRows([
      {
        id: 'control.tar ▸ ./md5sums',
        path: './md5sums',
        status: 'differs',
        ciSize: 9,
        localSize: 9,
      },
      { id: 'data.tar ▸ ./README', path: './README', status: 'differs', ciSize: 10, localSize: 10 },
    ]);
    expect(pickSelection(members, null, null)).toBe('data.tar ▸ ./README');
    expect(pickSelection(members, 'control.tar ▸ ./md5sums', null, true)).toBe(
      'control.tar ▸ ./md5sums',
    );
  });
});
