import type { TagVerdict } from '../../../../../shared/tags';

/** A verdict on v1.0.0: verified, signed by a trusted maintainer's subkey unless overridden. */
export function sampleVerdict(overrides: Partial<TagVerdict> = {}): TagVerdict {
  return {
    verdict: 'verified',
    tagName: 'v1.0.0',
    tagObject: 'a'.repeat(40),
    taggedObject: { sha: 'b'.repeat(40), type: 'commit' },
    commit: 'b'.repeat(40),
    tagHeaderName: 'v1.0.0',
    tagger: { name: 'Alice Maintainer', email: 'alice@example.org', date: '2026-02-01T10:00:00Z' },
    message: 'Release 1.0.0',
    signature: {
      format: 'openpgp',
      issuerKeyId: '89ABCDEF01234567',
      createdAt: '2026-02-01T10:00:00Z',
      hashAlgorithm: 'SHA512',
    },
    signer: {
      // A subkey signed; the trust list pins its primary key.
      signingKeyFingerprint: '0123456789ABCDEF0123456789ABCDEF01234567',
      primaryKeyFingerprint: 'FEDCBA9876543210FEDCBA9876543210FEDCBA98',
      userId: 'Alice Maintainer <alice@example.org>',
    },
    problems: [],
    notes: [],
    checkedAt: '2026-02-01T10:05:00Z',
    ...overrides,
  };
}
