import { describe, expect, it } from 'vitest';
import type { ArtifactComparison, ArtifactStatus } from '../../../../shared/compare';
import {
  DEFAULT_SORT,
  filterArtifacts,
  matchesQuery,
  nextSort,
  sortArtifacts,
} from './artifactTable';

const sha = (digit: string) => digit.repeat(64);

function row(
  name: string,
  status: ArtifactStatus,
  sizes: { ci?: number; local?: number } = {},
): ArtifactComparison {
  const copy = (size: number, side: string) => ({
    path: `pool/main/${side}/${name}`,
    size,
    sha256: sha(side === 'ci' ? 'a' : 'b'),
    deb: name.endsWith('.deb')
      ? { package: name.split('_')[0] ?? name, version: '1.0.0', architecture: 'all' }
      : null,
  });
  return {
    key: `file:${name}`,
    name,
    status,
    ci: status === 'only-local' ? null : copy(sizes.ci ?? 100, 'ci'),
    local: status === 'only-ci' ? null : copy(sizes.local ?? 100, 'local'),
  };
}

const rows = [
  row('hello_1.0.0_all.deb', 'identical', { ci: 300, local: 300 }),
  row('hello-doc_1.0.0_all.deb', 'differs', { ci: 200, local: 210 }),
  row('extra_1.0.0_all.deb', 'only-ci', { ci: 50 }),
  row('pkg-10.txt', 'identical', { ci: 5, local: 5 }),
  row('pkg-9.txt', 'only-local', { local: 7 }),
];
const names = (list: readonly ArtifactComparison[]) => list.map((item) => item.name);

describe('artifact table', () => {
  it('puts differing rows first by default, then one-sided, identical last', () => {
    expect(names(sortArtifacts(rows, DEFAULT_SORT))).toEqual([
      'hello-doc_1.0.0_all.deb',
      'extra_1.0.0_all.deb',
      'pkg-9.txt',
      'hello_1.0.0_all.deb',
      'pkg-10.txt',
    ]);
  });

  it('sorts names naturally and flips direction on a second click', () => {
    const byName = nextSort(DEFAULT_SORT, 'name');
    expect(byName).toEqual({ key: 'name', direction: 'ascending' });
    expect(names(sortArtifacts(rows, byName)).slice(-2)).toEqual(['pkg-9.txt', 'pkg-10.txt']);
    const reversed = nextSort(byName, 'name');
    expect(reversed.direction).toBe('descending');
    expect(names(sortArtifacts(rows, reversed))[0]).toBe('pkg-10.txt');
  });

  it('sorts sizes as numbers and keeps missing copies last in both directions', () => {
    const ascending = sortArtifacts(rows, { key: 'ciSize', direction: 'ascending' });
    expect(names(ascending)).toEqual([
      'pkg-10.txt',
      'extra_1.0.0_all.deb',
      'hello-doc_1.0.0_all.deb',
      'hello_1.0.0_all.deb',
      'pkg-9.txt',
    ]);
    const descending = sortArtifacts(rows, { key: 'ciSize', direction: 'descending' });
    expect(names(descending)[0]).toBe('hello_1.0.0_all.deb');
    expect(names(descending).at(-1)).toBe('pkg-9.txt');
  });

  it('leaves the input untouched', () => {
    const before = names(rows);
    sortArtifacts(rows, { key: 'name', direction: 'descending' });
    expect(names(rows)).toEqual(before);
  });

  it('matches the name, package, path, or the start of either hash', () => {
    const doc = rows[1]!;
    expect(matchesQuery(doc, 'HELLO-DOC')).toBe(true);
    expect(matchesQuery(doc, 'pool/main/local')).toBe(true);
    expect(matchesQuery(doc, 'aaaa')).toBe(true);
    expect(matchesQuery(doc, 'bbbb')).toBe(true);
    expect(matchesQuery(doc, 'abab')).toBe(false);
    expect(matchesQuery(doc, '  ')).toBe(true);
    // A hash matches from its start only.
    const hashed = { ...doc, ci: { ...doc.ci!, sha256: `1234${'0'.repeat(60)}` }, local: null };
    expect(matchesQuery(hashed, '1234')).toBe(true);
    expect(matchesQuery(hashed, '2340')).toBe(false);
  });

  it('filters by status and text together, returning the same list when both are empty', () => {
    expect(filterArtifacts(rows, { status: null, query: '' })).toBe(rows);
    expect(names(filterArtifacts(rows, { status: 'identical', query: '' }))).toEqual([
      'hello_1.0.0_all.deb',
      'pkg-10.txt',
    ]);
    expect(names(filterArtifacts(rows, { status: 'identical', query: 'pkg' }))).toEqual([
      'pkg-10.txt',
    ]);
    expect(filterArtifacts(rows, { status: 'differs', query: 'pkg' })).toEqual([]);
  });

  it('sorts and filters 10,000 rows quickly', () => {
    const many = Array.from({ length: 10_000 }, (_, index) =>
      row(
        `synthetic-${String(index).padStart(5, '0')}.deb`,
        index % 3 === 0 ? 'differs' : 'identical',
      ),
    );
    const started = performance.now();
    const sorted = sortArtifacts(many, { key: 'name', direction: 'descending' });
    const filtered = filterArtifacts(sorted, { status: null, query: 'synthetic-0420' });
    expect(performance.now() - started).toBeLessThan(500);
    expect(sorted[0]?.name).toBe('synthetic-09999.deb');
    expect(filtered).toHaveLength(10);
  });
});
