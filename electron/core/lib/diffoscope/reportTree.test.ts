import { describe, expect, it } from 'vitest';
import { reportTree } from './reportTree';

const report = {
  'diffoscope-json-version': 1,
  source1: '/home/me/ci/a.deb',
  source2: '/home/me/local/a.deb',
  unified_diff: null,
  details: [
    { source1: 'file list', source2: 'file list', unified_diff: '@@ -1 +1 @@\n-a\n+b\n' },
    {
      source1: 'data.tar.xz',
      source2: 'data.tar.xz',
      details: [
        {
          source1: 'data.tar',
          source2: 'data.tar',
          details: [
            { source1: './x', source2: './x', unified_diff: '@@ -1 +1 @@\n-1\n+2' },
            { source1: './bin', source2: './bin', comments: ['Files differ'] },
            { source1: './old', source2: './new', unified_diff: '@@ -0,0 +1 @@\n+n\n' },
          ],
        },
      ],
    },
  ],
};

describe('reportTree', () => {
  it('flattens the report in tree order, named from the artifact down', () => {
    const { nodes } = reportTree(report, 'a_1_all.deb');
    expect(nodes.map((node) => [node.depth, node.id])).toEqual([
      [0, 'a_1_all.deb'],
      [1, 'a_1_all.deb ▸ file list'],
      [1, 'a_1_all.deb ▸ data.tar.xz'],
      [2, 'a_1_all.deb ▸ data.tar.xz ▸ data.tar'],
      [3, 'a_1_all.deb ▸ data.tar.xz ▸ data.tar ▸ ./x'],
      [3, 'a_1_all.deb ▸ data.tar.xz ▸ data.tar ▸ ./bin'],
      [3, 'a_1_all.deb ▸ data.tar.xz ▸ data.tar ▸ ./old ≠ ./new'],
    ]);
    expect(nodes[0]?.source1).toBe('a_1_all.deb');
  });

  it('makes a difference of every node diffoscope said something about', () => {
    const { nodes, diffs } = reportTree(report, 'a.deb');
    expect(nodes.filter((node) => node.decidable).map((node) => node.source1)).toEqual([
      'file list',
      './x',
      './bin',
      './old',
    ]);
    expect(nodes.find((node) => node.source1 === './x')?.diffLines).toBe(3);
    expect(diffs.get('a.deb ▸ data.tar.xz ▸ data.tar ▸ ./x')).toContain('+2');
    expect(nodes.find((node) => node.source1 === './bin')?.comments).toEqual(['Files differ']);
  });

  it('keeps two siblings of the same name apart', () => {
    const twice = {
      source1: 'a',
      source2: 'b',
      details: [
        { source1: 'm', source2: 'm', comments: ['one'] },
        { source1: 'm', source2: 'm', comments: ['two'] },
      ],
    };
    const ids = reportTree(twice, 'p').nodes.map((node) => node.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses something that is not a diffoscope report', () => {
    expect(() => reportTree({ hello: 1 }, 'x')).toThrow();
  });
});
