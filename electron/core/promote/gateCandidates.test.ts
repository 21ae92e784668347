import { describe, expect, it } from 'vitest';
import type { ArtifactComparison } from '../../../shared/compare';
import type { AptPackage } from '../lib/apt/aptTypes';
import { Deb822Paragraph } from '../lib/deb/deb822';
import type { ArtifactStanding } from '../lib/reviewFolder/decisions';
import { gateCandidates, unknownRequests, type GateFacts } from './gateCandidates';

const hash = (char: string) => char.repeat(64);

function row(
  name: string,
  status: ArtifactComparison['status'],
  ciHash = hash('a'),
): ArtifactComparison {
  const deb = { package: name, version: '1.0.0', architecture: 'all' };
  const copy = (sha256: string) => ({ path: `${name}_1.0.0_all.deb`, size: 100, sha256, deb });
  return {
    key: `deb:${name}_1.0.0_all`,
    name: `${name}_1.0.0_all.deb`,
    status,
    ci: status === 'only-local' ? null : copy(ciHash),
    local: status === 'only-ci' ? null : copy(status === 'identical' ? ciHash : hash('b')),
  };
}

function inAptTest(name: string, sha256 = hash('a')): AptPackage {
  return {
    package: name,
    version: '1.0.0',
    architecture: 'all',
    filename: `pool/main/${name[0]}/${name}/${name}_1.0.0_all.deb`,
    size: 100,
    sha256,
    component: 'main',
    control: new Deb822Paragraph(),
  };
}

const approved: ArtifactStanding = {
  verdict: 'approved',
  counts: { differences: 1, accepted: 1, blocking: 0, unreviewed: 0 },
  reviewers: ['dana'],
};

function facts(overrides: Partial<GateFacts> = {}): GateFacts {
  return {
    tagGate: { verified: true, commit: 'c'.repeat(40), signer: 'F'.repeat(40), problem: null },
    auditProblem: null,
    rows: [row('same', 'identical'), row('changed', 'differs'), row('extra', 'only-ci')],
    aptTest: [inAptTest('same'), inAptTest('changed'), inAptTest('extra')],
    standings: new Map([['deb:changed_1.0.0_all', approved]]),
    requested: [],
    ...overrides,
  };
}

const codes = (candidates: ReturnType<typeof gateCandidates>, name: string) =>
  candidates
    .find((candidate) => candidate.package === name)
    ?.refusals.map((refusal) => refusal.code);

describe('gateCandidates', () => {
  it('refuses, under a review policy, a package short of its approvals, naming who counted and who did not', () => {
    const alice = { name: 'Alice', fingerprint: 'A'.repeat(40), notCounted: null };
    const mallory = {
      name: 'Mallory',
      fingerprint: 'B'.repeat(40),
      notCounted: 'revoked: the review policy revoked this reviewer',
    };
    const approvals = new Map([
      [
        'deb:changed_1.0.0_all',
        { artifact: 'changed', needed: 2, approvedBy: [alice, mallory], missing: 1 },
      ],
      ['deb:same_1.0.0_all', { artifact: 'same', needed: 0, approvedBy: [], missing: 0 }],
    ]);
    const candidates = gateCandidates(facts({ approvals }));
    expect(codes(candidates, 'same')).toEqual([]);
    expect(codes(candidates, 'changed')).toEqual(['NOT_ENOUGH_APPROVALS']);
    const message = candidates[1]?.refusals[0]?.message ?? '';
    expect(message).toContain(`has 1 (Alice ${'A'.repeat(40)}): 1 approval missing`);
    expect(message).toContain('Not counted: Mallory');
    approvals.set('deb:changed_1.0.0_all', {
      artifact: 'changed',
      needed: 2,
      approvedBy: [alice, alice],
      missing: 0,
    });
    expect(codes(gateCandidates(facts({ approvals })), 'changed')).toEqual([]);
  });

  it('passes an identical package and an approved one, and refuses what only CI built', () => {
    const candidates = gateCandidates(facts());
    expect(codes(candidates, 'same')).toEqual([]);
    expect(codes(candidates, 'changed')).toEqual([]);
    expect(codes(candidates, 'extra')).toEqual(['NOT_REBUILT']);
    expect(candidates.filter((candidate) => candidate.selected).map((c) => c.package)).toEqual([
      'same',
      'changed',
    ]);
    expect(candidates[1]?.evidence).toBe('differs from the rebuild; 1 difference accepted by dana');
  });

  it('refuses a differing package whose review is unfinished or blocked', () => {
    const unreviewed: ArtifactStanding = {
      verdict: 'unreviewed',
      counts: { differences: 2, accepted: 1, blocking: 0, unreviewed: 1 },
      reviewers: [],
    };
    const blocked: ArtifactStanding = {
      ...unreviewed,
      verdict: 'blocked',
      counts: { ...unreviewed.counts, blocking: 1 },
    };
    for (const standing of [unreviewed, blocked]) {
      const candidates = gateCandidates(
        facts({ standings: new Map([['deb:changed_1.0.0_all', standing]]) }),
      );
      expect(codes(candidates, 'changed')).toEqual(['NOT_APPROVED']);
    }
    expect(codes(gateCandidates(facts({ standings: new Map() })), 'changed')).toEqual([
      'NOT_APPROVED',
    ]);
  });

  it('refuses a package whose apt-test bytes are not the ones reviewed', () => {
    const candidates = gateCandidates(
      facts({ aptTest: [inAptTest('same', hash('e')), inAptTest('changed')] }),
    );
    expect(codes(candidates, 'same')).toEqual(['HASH_CHANGED_SINCE_REVIEW']);
  });

  it('refuses a package apt-test no longer lists', () => {
    expect(codes(gateCandidates(facts({ aptTest: [] })), 'same')).toEqual(['NOT_IN_APT_TEST']);
  });

  it('refuses every package when the tag does not verify or the audit log is broken', () => {
    const candidates = gateCandidates(
      facts({
        tagGate: {
          verified: false,
          commit: null,
          signer: null,
          problem: 'signed by an unknown key',
        },
        auditProblem: 'broken at line 3',
      }),
    );
    expect(codes(candidates, 'same')).toEqual(['TAG_NOT_VERIFIED', 'AUDIT_LOG_BROKEN']);
    expect(candidates.some((candidate) => candidate.selected)).toBe(false);
  });

  it('selects exactly the packages asked for, even refused ones, so the refusal is shown', () => {
    const candidates = gateCandidates(facts({ requested: ['extra'] }));
    expect(candidates.filter((candidate) => candidate.selected).map((c) => c.package)).toEqual([
      'extra',
    ]);
    expect(unknownRequests(['extra', 'nope'], candidates)).toEqual(['nope']);
  });
});
