import { describe, expect, it } from 'vitest';
import type { DifferenceNode } from '../../../../shared/review';
import { explainDifferences, parseMd5sums } from './explainDifferences';

const node = (id: string, source: string, decidable: boolean, depth = 3): DifferenceNode => ({
  id,
  depth,
  source1: source,
  source2: source,
  comments: decidable ? ['Files differ'] : [],
  diffLines: 0,
  decidable,
  explainedBy: null,
});

const tree = [
  node('p', 'p', false, 0),
  node('p ▸ control.tar.xz ▸ control.tar ▸ ./md5sums ▸ ./md5sums', './md5sums', true),
  node('p ▸ data.tar.xz ▸ data.tar ▸ ./usr/share/doc/p/README', './usr/share/doc/p/README', true),
];
const a = '0123456789abcdef0123456789abcdef';
const b = 'fedcba9876543210fedcba9876543210';

describe('explainDifferences', () => {
  it('ties an md5sums difference to the files whose lines changed', () => {
    const [, md5sums] = explainDifferences(tree, {
      ci: `${a}  usr/share/doc/p/README\n${b}  usr/bin/p\n`,
      local: `${b}  usr/share/doc/p/README\n${b}  usr/bin/p\n`,
    });
    expect(md5sums?.explainedBy).toEqual([tree[2]?.id]);
  });

  it('leaves md5sums to be decided when a line changed for a file that did not', () => {
    const [, md5sums] = explainDifferences(tree, {
      ci: `${a}  usr/share/doc/p/README\n${a}  usr/bin/p\n`,
      local: `${b}  usr/share/doc/p/README\n${b}  usr/bin/p\n`,
    });
    expect(md5sums?.explainedBy).toBeNull();
  });

  it('leaves a malformed md5sums to be decided', () => {
    expect(parseMd5sums('not a line\n')).toBeNull();
    const [, md5sums] = explainDifferences(tree, { ci: 'x\n', local: 'y\n' });
    expect(md5sums?.explainedBy).toBeNull();
  });

  it('always leaves something to decide when the bytes differ', () => {
    const [root] = explainDifferences([node('p', 'p', false, 0)], null);
    expect(root?.decidable).toBe(true);
    expect(root?.comments[0]).toContain('bytes differ');
  });
});
