import * as openpgp from 'openpgp';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../shared/audit';
import type { ReviewPolicy, SignedDecision } from '../../../../shared/reviewers';
import { readReleaseKey } from '../openpgp/readReleaseKey';
import { generatedKey, refusal, TEST_PASSPHRASE } from '../openpgp/testing/generatedKeys';
import { withUnlockedKey } from '../openpgp/unlockReleaseKey';
import { countApprovals, type ApprovalTarget } from './countApprovals';
import { decisionStatement, statementBytes, type DecisionFacts } from './decisionStatement';
import { unpinnedReviewer, type KnownReviewer, type LoadedReviewPolicy } from './knownReviewer';
import { replayDecisions } from './replayDecisions';
import { readReviewerKey } from './reviewerKey';
import { signDecision } from './signDecision';
import { verifySignedDecision } from './verifySignedDecision';

const sha = (c: string) => c.repeat(64);
const FACTS: DecisionFacts = {
  project: 'demo-1234abcd',
  tag: 'v1.0.0',
  artifact: { key: 'deb:doc', name: 'doc.deb', ciSha256: sha('a'), localSha256: sha('b') },
  reportSha256: sha('c'),
  differenceId: 'doc.deb ▸ data.tar ▸ ./usr/share/doc/changelog.gz',
  decision: 'accepted',
  comment: 'gzip timestamp',
  rule: null,
  // After the test keys are made: a signature may not predate its key.
  decidedAt: new Date(Date.now() + 60_000),
};

async function reviewer(type: 'rsa' | 'curve25519Legacy' = 'curve25519Legacy') {
  const { armored, publicKey } = await generatedKey({ type, rsaBits: 2048 });
  const key = await readReviewerKey(armored);
  const known = await unpinnedReviewer(publicKey);
  const sign = (facts: Partial<DecisionFacts> = {}) =>
    withUnlockedKey(key, TEST_PASSPHRASE, (unlocked) =>
      signDecision(decisionStatement({ ...FACTS, ...facts }), unlocked),
    );
  return { key, known: { ...known, pinned: true }, sign };
}

async function hashOf(signed: SignedDecision): Promise<number | null> {
  const signature = await openpgp.readSignature({
    binarySignature: new Uint8Array(Buffer.from(signed.signature, 'base64')),
  });
  const [packet] = signature.packets.filterByTag(openpgp.enums.packet.signature);
  return (packet as openpgp.SignaturePacket).hashAlgorithm;
}

describe('a signed decision', () => {
  it('signs the canonical JSON of its statement: sorted keys, no whitespace', () => {
    const fixed = { ...FACTS, decidedAt: new Date('2025-01-02T03:04:05.000Z') };
    const text = new TextDecoder().decode(statementBytes(decisionStatement(fixed)));
    expect(text.startsWith('{"artifact":{"ciSha256":"aaaa')).toBe(true);
    expect(text).toContain('"decidedAt":"2025-01-02T03:04:05.000Z","decision":"accepted"');
    expect(text).not.toMatch(/": |, /);
  });

  it('is a binary SHA-256 signature that verifies, for Ed25519 and RSA keys', async () => {
    for (const type of ['curve25519Legacy', 'rsa'] as const) {
      const { sign, known } = await reviewer(type);
      const signed = await sign();
      expect(await hashOf(signed)).toBe(openpgp.enums.hash.sha256);
      expect((await verifySignedDecision(signed, [known])).status).toBe('valid');
    }
  });

  it('is built by hand because openpgp.sign, asked for SHA-256, picks SHA-512 for an Ed25519 key', async () => {
    const { armored } = await generatedKey();
    const key = await openpgp.decryptKey({
      privateKey: await openpgp.readPrivateKey({ armoredKey: armored }),
      passphrase: TEST_PASSPHRASE,
    });
    const bytes: unknown = await openpgp.sign({
      message: await openpgp.createMessage({ binary: statementBytes(decisionStatement(FACTS)) }),
      signingKeys: key,
      detached: true,
      format: 'binary',
      config: { preferredHashAlgorithm: openpgp.enums.hash.sha256 },
    });
    const packet = (
      await openpgp.readSignature({ binarySignature: bytes as Uint8Array })
    ).packets.filterByTag(openpgp.enums.packet.signature)[0] as openpgp.SignaturePacket;
    expect(packet.hashAlgorithm).toBe(openpgp.enums.hash.sha512);
  });

  it('is invalid once its statement is edited, unknown to other reviewers, revoked by the policy', async () => {
    const alice = await reviewer();
    const bob = await reviewer();
    const signed = await alice.sign();
    const edited = { ...signed, statement: { ...signed.statement, comment: 'anything' } };
    expect((await verifySignedDecision(edited, [alice.known])).status).toBe('invalid');
    expect((await verifySignedDecision(signed, [bob.known])).status).toBe('unknown-key');
    const revoked = { ...alice.known, revoked: true };
    expect((await verifySignedDecision(signed, [revoked])).status).toBe('revoked');
    // Bob's signature presented as Alice's names the wrong key.
    const claimed = { ...(await bob.sign()), reviewer: alice.known.fingerprint };
    expect((await verifySignedDecision(claimed, [alice.known])).status).toBe('invalid');
  });
});

describe('a reviewer key', () => {
  it('is refused unprotected, as a release key of the project, or of another algorithm', async () => {
    const bare = await generatedKey({ passphrase: '' });
    expect((await refusal(readReviewerKey(bare.armored))).code).toBe('KEY_UNPROTECTED');
    const own = await generatedKey();
    const release = await readReleaseKey(own.armored);
    const refused = await refusal(
      readReviewerKey(own.armored, { releaseKeyFingerprint: release.info.fingerprint }),
    );
    expect(refused.code).toBe('REVIEWER_KEY_IS_RELEASE_KEY');
    const modern = await generatedKey({ type: 'curve25519' });
    expect((await refusal(readReviewerKey(modern.armored))).code).toBe('WEAK_KEY');
  });
});

function entry(seq: number, actor: string, data: Record<string, unknown>): AuditEntry {
  return {
    seq,
    at: `2025-01-0${seq + 1}T00:00:00Z`,
    actor,
    kind: 'decision',
    data,
    prev: sha('0'),
  };
}

function fieldsOf(signed: SignedDecision) {
  const s = signed.statement;
  return {
    artifact: s.artifact.key,
    name: s.artifact.name,
    reportSha256: s.reportSha256,
    differenceId: s.differenceId,
    decision: s.decision,
    comment: s.comment,
    rule: s.rule,
    signed,
  };
}

describe('every reviewer’s decision, replayed and counted', () => {
  const target: ApprovalTarget = {
    project: FACTS.project,
    tag: FACTS.tag,
    key: FACTS.artifact.key,
    name: FACTS.artifact.name,
    ciSha256: sha('a'),
    localSha256: sha('b'),
    identical: false,
    reportSha256: sha('c'),
    differenceIds: [FACTS.differenceId as string],
  };
  const policyOf = (reviewers: KnownReviewer[], threshold: number): LoadedReviewPolicy => ({
    policy: {
      reviewers: reviewers.map((r) => ({
        name: r.name,
        fingerprint: r.fingerprint,
        publicKey: 'x',
        revoked: r.revoked,
      })),
      threshold,
      identicalThreshold: 0,
    } satisfies ReviewPolicy,
    reviewers,
  });

  it("replaces only a reviewer's own earlier decision, and keeps unsigned ones by user", async () => {
    const alice = await reviewer();
    const bob = await reviewer();
    const entries = [
      entry(0, 'root', fieldsOf(await alice.sign({ decision: 'blocking', comment: '' }))),
      entry(1, 'root', fieldsOf(await bob.sign())),
      entry(2, 'root', fieldsOf(await alice.sign())),
      entry(3, 'dana', { ...fieldsOf(await alice.sign()), signed: undefined }),
    ];
    const replayed = await replayDecisions(entries, target.key, sha('c'), [alice.known, bob.known]);
    const list = replayed.get(FACTS.differenceId) ?? [];
    expect(list.map((d) => [d.signed?.reviewer ?? d.actor, d.decision, d.signature])).toEqual([
      [bob.known.fingerprint, 'accepted', 'valid'],
      [alice.known.fingerprint, 'accepted', 'valid'],
      ['dana', 'accepted', 'unsigned'],
    ]);
  });

  it('counts distinct, pinned, unrevoked reviewers with valid signatures over the same bytes and report', async () => {
    const alice = await reviewer();
    const bob = await reviewer();
    const eve = await reviewer();
    const count = async (entries: AuditEntry[], pinned: KnownReviewer[], threshold = 2) =>
      countApprovals(
        policyOf(pinned, threshold),
        target,
        await replayDecisions(entries, target.key, sha('c'), pinned),
      );
    const a1 = entry(0, 'root', fieldsOf(await alice.sign()));
    const a2 = entry(1, 'root', fieldsOf(await alice.sign({ comment: 'again' })));
    const b1 = entry(2, 'root', fieldsOf(await bob.sign()));
    const pinned = [alice.known, bob.known];

    expect((await count([a1], pinned)).missing).toBe(1);
    expect((await count([a1, a2], pinned)).missing).toBe(1); // the same reviewer twice counts once
    const both = await count([a1, b1], pinned);
    expect(both.missing).toBe(0);
    expect(both.approvedBy.map((a) => a.notCounted)).toEqual([null, null]);

    const withRevoked = await count([a1, b1], [alice.known, { ...bob.known, revoked: true }]);
    expect(withRevoked.missing).toBe(1);
    expect(
      withRevoked.approvedBy.find((a) => a.fingerprint === bob.known.fingerprint)?.notCounted,
    ).toMatch(/revoked/);

    const e1 = entry(3, 'root', fieldsOf(await eve.sign()));
    const withUnknown = await count([a1, e1], pinned);
    expect(withUnknown.missing).toBe(1);
    expect(
      withUnknown.approvedBy.find((a) => a.fingerprint === eve.known.fingerprint)?.notCounted,
    ).toMatch(/not a reviewer the policy pins/);

    // Signed over other bytes than those compared now: not counted.
    const other = entry(
      4,
      'root',
      fieldsOf(await bob.sign({ artifact: { ...FACTS.artifact, ciSha256: sha('d') } })),
    );
    expect((await count([a1, other], pinned)).missing).toBe(1);

    // A statement edited in the log no longer verifies: invalid, and not counted.
    const edited = structuredClone(b1);
    (edited.data.signed as SignedDecision).statement.comment = 'edited';
    edited.data.comment = 'edited';
    const replayed = await replayDecisions([a1, edited], target.key, sha('c'), pinned);
    expect(replayed.get(FACTS.differenceId)?.map((d) => d.signature)).toEqual(['valid', 'invalid']);
    expect((await count([a1, edited], pinned)).missing).toBe(1);
  });
});
