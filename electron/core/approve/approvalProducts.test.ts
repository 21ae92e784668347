import { describe, expect, it } from 'vitest';
import type { ArtifactComparison, CompareResult } from '../../../shared/compare';
import { approvedProducts, debFileName } from './approvalProducts';

const sha = (c: string) => c.repeat(64);

function row(
  name: string,
  status: ArtifactComparison['status'],
  ciSha: string,
): ArtifactComparison {
  const deb = { package: name, version: '1:2.0-1', architecture: 'amd64' };
  const copy = { path: `${name}.deb`, size: 1, sha256: ciSha, deb };
  return {
    key: `deb:${name}_1:2.0-1_amd64`,
    name: `${name}.deb`,
    status,
    ci: status === 'only-local' ? null : copy,
    local: status === 'only-ci' ? null : { ...copy, sha256: sha('f') },
  };
}

const comparison = (artifacts: ArtifactComparison[]) => ({ artifacts }) as unknown as CompareResult;

describe('approvedProducts', () => {
  it('names a package as apt names the file it downloads, the epoch written %3a', () => {
    expect(debFileName({ package: 'hello', version: '1:2.0-1', architecture: 'amd64' })).toBe(
      'hello_1%3a2.0-1_amd64.deb',
    );
  });

  it("lists CI's bytes of identical packages and of differing ones this reviewer approves, and says why it leaves the rest", async () => {
    const result = await approvedProducts(
      comparison([
        row('same', 'identical', sha('a')),
        row('approved', 'differs', sha('b')),
        row('open', 'differs', sha('c')),
        row('ci-only', 'only-ci', sha('d')),
        row('local-only', 'only-local', sha('e')),
      ]),
      (artifact) => Promise.resolve(artifact.key.startsWith('deb:approved_')),
      { identicalNeedsApproval: false },
    );
    expect(result.products).toEqual({
      'same_1%3a2.0-1_amd64.deb': sha('a'),
      'approved_1%3a2.0-1_amd64.deb': sha('b'),
    });
    expect(result.left.map(({ name }) => name)).toEqual([
      'open_1%3a2.0-1_amd64.deb',
      'ci-only_1%3a2.0-1_amd64.deb',
    ]);
  });

  it('asks for the reviewer’s approval of identical packages when the policy does', async () => {
    const result = await approvedProducts(
      comparison([row('same', 'identical', sha('a'))]),
      () => Promise.resolve(false),
      { identicalNeedsApproval: true },
    );
    expect(result.products).toEqual({});
    expect(result.left[0]?.why).toMatch(/policy asks reviewers to approve identical packages/);
  });
});
