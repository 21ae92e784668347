import { describe, expect, it } from 'vitest';
import { judgePackage, type PackageFacts } from './judgePackage';
import type { ReviewEvidence } from './reviewEvidence';

const SHA = 'a'.repeat(64);
const facts = (over: Partial<PackageFacts> = {}): PackageFacts => ({
  package: 'hello',
  version: '1.0',
  architecture: 'amd64',
  component: 'main',
  filename: 'pool/main/h/hello/hello_1.0_amd64.deb',
  size: 10,
  sha256: SHA,
  signatureProblem: null,
  listedInMismatched: [],
  found: { size: 10, sha256: SHA },
  ...over,
});
const review = (over: Partial<ReviewEvidence> = {}): ReviewEvidence => ({
  judged: new Map([[SHA, { approved: true, why: 'identical' }]]),
  promoted: new Map([[SHA, 'v1.0.0']]),
  verifiedTags: new Set(['v1.0.0']),
  lastPromotion: null,
  ...over,
});

describe('judgePackage', () => {
  it('verifies a package whose every link holds, and names its release', () => {
    expect(judgePackage(facts(), review())).toMatchObject({
      status: 'verified',
      brokenLink: null,
      tag: 'v1.0.0',
    });
  });

  it('verifies without a review when the repository links hold', () => {
    expect(judgePackage(facts(), null)).toMatchObject({
      status: 'verified',
      brokenLink: null,
      tag: null,
    });
  });

  it('names the first broken link, signature before everything else', () => {
    const all = facts({
      signatureProblem: 'InRelease: bad',
      listedInMismatched: ['main/binary-amd64/Packages'],
      found: null,
    });
    expect(judgePackage(all, review({ judged: new Map() }))).toMatchObject({
      status: 'failed',
      brokenLink: 'signature',
    });
  });

  it('names the release link when an index listing it does not match Release', () => {
    const result = judgePackage(
      facts({ listedInMismatched: ['main/binary-amd64/Packages'] }),
      review(),
    );
    expect(result.brokenLink).toBe('release');
    expect(result.problem).toMatch(/main\/binary-amd64\/Packages/);
  });

  it('names the index link for a missing file and for a file with other bytes', () => {
    expect(judgePackage(facts({ found: null }), review()).problem).toMatch(/no such file/);
    const other = judgePackage(facts({ found: { size: 10, sha256: 'b'.repeat(64) } }), review());
    expect(other.brokenLink).toBe('index');
    expect(judgePackage(facts({ found: { size: 11, sha256: SHA } }), review()).brokenLink).toBe(
      'index',
    );
  });

  it('names the review link for bytes never compared, not approved, or not promoted', () => {
    expect(judgePackage(facts(), review({ judged: new Map() })).problem).toMatch(/never compared/);
    const blocked = review({
      judged: new Map([[SHA, { approved: false, why: 'its review is blocked' }]]),
    });
    expect(judgePackage(facts(), blocked)).toMatchObject({
      brokenLink: 'review',
      problem: 'its review is blocked',
    });
    expect(judgePackage(facts(), review({ promoted: new Map() })).problem).toMatch(
      /promotion record/,
    );
  });

  it('names the tag link when the promoted release has no verified tag', () => {
    const result = judgePackage(facts(), review({ verifiedTags: new Set() }));
    expect(result).toMatchObject({ brokenLink: 'tag', tag: 'v1.0.0' });
  });
});
