import { describe, expect, it } from 'vitest';
import type { DifferenceNode } from './review';
import { ruleProblem, ruleSelection } from './decisionRule';
import { validateRequest } from './validate';

const node = (source: string, overrides: Partial<DifferenceNode> = {}): DifferenceNode => ({
  id: `doc.deb ▸ data.tar ▸ ${source}`,
  depth: 2,
  source1: source,
  source2: source,
  comments: [],
  diffLines: 1,
  decidable: true,
  explainedBy: null,
  ...overrides,
});

const nodes = [
  node('./usr/share/doc/hello/changelog.gz', { comments: ['Timestamp differs'] }),
  node('./usr/share/doc/hello/README'),
  node('./usr/bin/hello', { comments: ['objdump: timestamp'] }),
  node('./md5sums', { explainedBy: ['x'] }),
  node('data.tar', { decidable: false }),
];
const names = (selected: DifferenceNode[]) => selected.map((selectedNode) => selectedNode.source1);

describe('deciding by rule', () => {
  it('selects by path pattern as the engine does: a bare name matches the file name, ** crosses folders', () => {
    expect(names(ruleSelection({ by: 'path', pattern: '*.gz' }, nodes))).toEqual([
      './usr/share/doc/hello/changelog.gz',
    ]);
    expect(names(ruleSelection({ by: 'path', pattern: 'usr/share/doc/**' }, nodes))).toEqual([
      './usr/share/doc/hello/changelog.gz',
      './usr/share/doc/hello/README',
    ]);
    expect(ruleSelection({ by: 'path', pattern: 'usr/*/README' }, nodes)).toEqual([]);
  });

  it('selects by text in the comments, case included, and never what follows from others or only groups', () => {
    expect(names(ruleSelection({ by: 'comment', contains: 'Timestamp' }, nodes))).toEqual([
      './usr/share/doc/hello/changelog.gz',
    ]);
    expect(ruleSelection({ by: 'path', pattern: 'md5sums' }, nodes)).toEqual([]);
    expect(ruleSelection({ by: 'path', pattern: 'data.tar' }, nodes)).toEqual([]);
  });
});

describe('a rule that cannot be used', () => {
  it('is refused with a sentence, not left to match nothing', () => {
    expect(ruleProblem({ by: 'path', pattern: '[[[' })).toMatch(/not a path pattern/);
    expect(ruleProblem({ by: 'path', pattern: 'usr/share/doc/**' })).toBeNull();
    expect(ruleProblem({ by: 'comment', contains: 'Timestamp' })).toBeNull();
  });

  it('is refused by the contract before it reaches the engine', () => {
    const request = {
      tag: 'v1.0.0',
      key: 'deb:x',
      decision: 'blocking',
      comment: '',
      rule: { by: 'path', pattern: '[[[' },
    };
    expect(() => validateRequest('review:decide', request)).toThrow(
      expect.objectContaining({
        code: 'INVALID_REQUEST',
        message: expect.stringMatching(/rule\.pattern: "\[\[\[" is not a path pattern/) as string,
      }),
    );
  });
});
