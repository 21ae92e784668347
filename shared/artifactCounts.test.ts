import { describe, expect, it } from 'vitest';
import { artifactCounts, countsSentence, rowsNeedingReview } from './artifactCounts';
import type { ArtifactStatus } from './compare';

const rows = (...statuses: ArtifactStatus[]) =>
  statuses.map((status, index) => ({ status, name: `row-${index}` }));

describe('artifactCounts', () => {
  it('counts each status once, and every artifact that is not identical as needing review', () => {
    expect(
      artifactCounts(rows('identical', 'differs', 'only-ci', 'only-local', 'differs')),
    ).toEqual({
      total: 5,
      identical: 1,
      differs: 2,
      onlyCi: 1,
      onlyLocal: 1,
      needsReview: 4,
    });
  });

  it('counts nothing in an empty comparison', () => {
    expect(artifactCounts([])).toMatchObject({ total: 0, needsReview: 0 });
  });
});

describe('rowsNeedingReview', () => {
  it('puts what only CI built first, then what differs, then what only the rebuild made', () => {
    const ordered = rowsNeedingReview(
      rows('differs', 'identical', 'only-local', 'only-ci', 'differs'),
    );
    expect(ordered.map((row) => `${row.status} ${row.name}`)).toEqual([
      'only-ci row-3',
      'differs row-0',
      'differs row-4',
      'only-local row-2',
    ]);
  });

  it('lists as many rows as the counts say need review', () => {
    const all = rows('differs', 'only-ci', 'only-local', 'identical', 'identical');
    expect(rowsNeedingReview(all)).toHaveLength(artifactCounts(all).needsReview);
  });
});

describe('countsSentence', () => {
  it('names what only CI built before what differs (the demo release)', () => {
    expect(countsSentence(artifactCounts(rows('identical', 'differs', 'only-ci')))).toBe(
      '2 artifacts need review: 1 built only by CI, 1 differs',
    );
  });

  it('says when everything is identical, and when there is nothing at all', () => {
    expect(countsSentence(artifactCounts(rows('identical')))).toBe(
      'Everything CI built is identical to the rebuild',
    );
    expect(countsSentence(artifactCounts([]))).toMatch(/nothing to vouch for/);
  });

  it('groups thousands and agrees in number', () => {
    const many = rows(...Array<ArtifactStatus>(1_500).fill('differs'), 'only-local');
    expect(countsSentence(artifactCounts(many))).toBe(
      '1,501 artifacts need review: 1,500 differ, 1 only in the rebuild',
    );
  });
});
