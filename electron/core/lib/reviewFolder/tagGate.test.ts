import { describe, expect, it } from 'vitest';
import type { TagVerdict } from '../../../../shared/tags';
import { liveTagGate } from './tagGate';

const commit = 'c'.repeat(40);

function verdict(overrides: Partial<TagVerdict> = {}): TagVerdict {
  return {
    verdict: 'verified',
    tagName: 'refs/tags/v1.0.0',
    tagObject: 't'.repeat(40),
    taggedObject: { sha: commit, type: 'commit' },
    commit,
    tagHeaderName: 'v1.0.0',
    tagger: null,
    message: '',
    signature: { format: 'openpgp', issuerKeyId: null, createdAt: null },
    signer: {
      signingKeyFingerprint: 'S'.repeat(40),
      primaryKeyFingerprint: 'P'.repeat(40),
      userId: 'Dana',
    },
    problems: [],
    notes: [],
    checkedAt: '2026-11-23T00:00:00Z',
    ...overrides,
  } as TagVerdict;
}

describe('liveTagGate', () => {
  it('passes a verified tag that resolves to the rebuilt commit', () => {
    expect(liveTagGate(verdict(), commit)).toEqual({
      verified: true,
      commit,
      signer: 'P'.repeat(40),
      problem: null,
    });
  });

  it('refuses a tag that does not verify now, with its reasons', () => {
    const gate = liveTagGate(
      verdict({
        verdict: 'refused',
        problems: [
          { code: 'UNKNOWN_KEY', message: 'Signed by a key outside the trust list.' },
        ] as TagVerdict['problems'],
      }),
      commit,
    );
    expect(gate.verified).toBe(false);
    expect(gate.problem).toContain('outside the trust list');
  });

  it('refuses a tag moved since the rebuild, and a release never rebuilt', () => {
    expect(liveTagGate(verdict(), 'd'.repeat(40)).problem).toContain('the rebuild was made from');
    expect(liveTagGate(verdict(), null).problem).toContain('No rebuild');
  });
});
