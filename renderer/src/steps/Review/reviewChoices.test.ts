import { describe, expect, it } from 'vitest';
import type { ArtifactComparison, ArtifactStatus } from '../../../../shared/compare';
import { listedChoices, pickReviewArtifact, reviewChoices } from './reviewChoices';

const copy = { path: 'x', size: 1, sha256: 'a'.repeat(64), deb: null };
const row = (name: string, status: ArtifactStatus): ArtifactComparison => ({
  key: `file:${name}`,
  name,
  status,
  ci: status === 'only-local' ? null : copy,
  local: status === 'only-ci' ? null : copy,
});

const rows = [
  row('a', 'identical'),
  row('b', 'only-ci'),
  row('c', 'differs'),
  row('d', 'only-local'),
  row('e', 'differs'),
];

describe('review choices', () => {
  it('lists only what needs review, differing artifacts first', () => {
    expect(reviewChoices(rows).map((choice) => choice.name)).toEqual(['c', 'e', 'b', 'd']);
  });

  it('selects the chosen artifact, or the first when the choice is gone or identical', () => {
    const choices = reviewChoices(rows);
    expect(pickReviewArtifact(choices, 'file:e')?.name).toBe('e');
    expect(pickReviewArtifact(choices, 'file:a')?.name).toBe('c');
    expect(pickReviewArtifact(choices, null)?.name).toBe('c');
    expect(pickReviewArtifact([], 'file:e')).toBeNull();
  });

  it('bounds the list but always includes the selected artifact', () => {
    const choices = reviewChoices(rows);
    expect(listedChoices(choices, choices[3]!, 2).map((choice) => choice.name)).toEqual([
      'c',
      'e',
      'd',
    ]);
    expect(listedChoices(choices, choices[0]!, 2)).toHaveLength(2);
  });
});
