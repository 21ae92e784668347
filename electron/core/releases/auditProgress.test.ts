import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, type AuditEntry } from '../../../shared/audit';
import { auditProgress } from './auditProgress';

const entries = (...list: [kind: string, data: Record<string, unknown>][]): AuditEntry[] =>
  list.map(([kind, data], seq) => ({
    seq,
    at: `2026-12-0${seq + 1}T10:00:00.000Z`,
    actor: 'dana',
    kind,
    data,
    prev: GENESIS_HASH,
  }));

const VERIFIED_TAG = [
  'tag-verified',
  { tag: 'v1.0.0', signer: 'ABCD', checkedAt: '2026-11-30T09:00:00.000Z' },
] as const;

describe('auditProgress', () => {
  it('answers nothing for an empty log', () => {
    expect(auditProgress('v1.0.0', [])).toEqual({
      tagVerified: null,
      promoted: null,
      verified: null,
    });
  });

  it("reads the tag's verification, the promotion and QA's verification after it", () => {
    expect(
      auditProgress(
        'v1.0.0',
        entries(
          [...VERIFIED_TAG],
          ['rebuild-finished', { tag: 'v1.0.0' }],
          ['promotion', { tag: 'v1.0.0', to: '/srv/apt-prod' }],
          ['verification', { repo: '/srv/apt-prod', status: 'failed' }],
          ['verification', { repo: '/srv/apt-prod', status: 'verified' }],
        ),
      ),
    ).toEqual({
      tagVerified: { at: '2026-11-30T09:00:00.000Z', signer: 'ABCD' },
      promoted: { at: '2026-12-03T10:00:00.000Z', to: '/srv/apt-prod' },
      verified: { at: '2026-12-05T10:00:00.000Z', passed: true },
    });
  });

  it('reports a failed verification as not passed', () => {
    const progress = auditProgress(
      'v1.0.0',
      entries(['promotion', { to: 'p' }], ['verification', { status: 'failed' }]),
    );
    expect(progress.verified).toEqual({ at: '2026-12-02T10:00:00.000Z', passed: false });
  });

  it('does not count a verification made before the promotion', () => {
    const progress = auditProgress(
      'v1.0.0',
      entries(['verification', { status: 'verified' }], ['promotion', { to: 'p' }]),
    );
    expect(progress.promoted).not.toBeNull();
    expect(progress.verified).toBeNull();
  });

  it('does not count a promotion rolled back since', () => {
    const progress = auditProgress(
      'v1.0.0',
      entries(
        ['promotion', { to: 'p' }],
        ['verification', { status: 'verified' }],
        ['rollback', { to: 'p' }],
      ),
    );
    expect(progress).toMatchObject({ promoted: null, verified: null });
  });

  it("ignores another tag's verification and a refused promotion", () => {
    const progress = auditProgress(
      'v1.0.0',
      entries(['tag-verified', { tag: 'v0.9.0', signer: 'X' }], ['promotion-refused', { to: 'p' }]),
    );
    expect(progress).toEqual({ tagVerified: null, promoted: null, verified: null });
  });
});
