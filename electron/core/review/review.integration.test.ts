import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArtifactReview } from '../../../shared/review';
import { pathPattern } from '../../../shared/pathPattern';
import { validateRequest } from '../../../shared/validate';
import { comparedDemo, type ComparedDemo } from '../../testing/comparedDemo';
import { createCountersignCore, type CountersignCore } from '../countersignCore';
import { checkAuditChain } from '../audit/auditLog';

// The demo release, rebuilt and compared once; then reviewed with real diffoscope.

let compared: ComparedDemo;
let demo: ComparedDemo['demo'];
let reviewDir: string;
let docKey: string;
let core: CountersignCore;

const countersign = (...args: string[]) => compared.countersign(args);

const README = /\.\/usr\/share\/doc\/countersign-hello-doc\/README\.md$/;

beforeAll(async () => {
  compared = await comparedDemo('v1.0.0', 'review');
  ({ demo, reviewDir, core } = compared);
  const comparison = await compared.core.api['compare:last']({ tag: 'v1.0.0' });
  docKey = comparison?.artifacts.find((row) => row.status === 'differs')?.key ?? '';
}, 900_000);

afterAll(() => compared.remove());

describe('step 4 on the demo release', () => {
  let review: ArtifactReview;

  it('lists the differing members at once, before diffoscope has finished', async () => {
    const opened = await core.api['review:open']({ tag: 'v1.0.0', key: docKey });
    expect(opened.report.state).toBe('running');
    expect(opened.members.map((member) => member.id).sort()).toEqual([
      'control.tar ▸ ./md5sums',
      'data.tar ▸ ./usr/share/doc/countersign-hello-doc/README.md',
    ]);
    const memberDiff = await core.api['review:memberDiff']({
      tag: 'v1.0.0',
      key: docKey,
      memberId: 'data.tar ▸ ./usr/share/doc/countersign-hello-doc/README.md',
      from: 0,
      maxLines: 2000,
    });
    expect(memberDiff.text).toContain('-Built 2026-02-01 11:00 UTC.');
  });

  it("turns diffoscope's report into a tree with one difference to decide", async () => {
    review = await core.api['review:runReport']({ tag: 'v1.0.0', key: docKey });
    expect(review.report).toMatchObject({
      state: 'ready',
      diffoscopeVersion: expect.stringMatching(/^diffoscope \d+/) as string,
    });
    const open = review.nodes.filter((node) => node.decidable && !node.explainedBy);
    expect(open.map((node) => node.source1)).toEqual([
      './usr/share/doc/countersign-hello-doc/README.md',
    ]);
    const md5sums = review.nodes.find((node) => node.decidable && node.source1 === './md5sums');
    expect(md5sums?.explainedBy).toEqual([open[0]?.id]);
    expect(review.verdict).toBe('unreviewed');
    const page = await core.api['review:diffPage']({
      tag: 'v1.0.0',
      key: docKey,
      differenceId: open[0]?.id ?? '',
      from: 0,
      maxLines: 2000,
    });
    expect(page.text).toContain('-Built 2026-02-01 11:00 UTC.\n+Built 2026-02-01 10:00 UTC.');
    expect(page.next).toBeNull();
  });

  it('refuses to accept a difference without a reason', () => {
    expect(() =>
      validateRequest('review:decide', {
        tag: 'v1.0.0',
        key: docKey,
        decision: 'accepted',
        comment: ' ',
        differenceIds: ['x'],
      }),
    ).toThrow(/comment/);
  });

  it('approves the package once its one difference is accepted, and keeps that across a restart', async () => {
    const id = review.nodes.find((node) => README.test(node.source1))?.id ?? '';
    const decided = await core.api['review:decide']({
      tag: 'v1.0.0',
      key: docKey,
      decision: 'accepted',
      comment: "CI's build clock; the rebuild stamps the changelog date",
      differenceIds: [id],
    });
    expect(decided.verdict).toBe('approved');
    expect(decided.decisions[id]).toMatchObject({ decision: 'accepted', rule: null });

    const restarted = createCountersignCore(demo.projectFile);
    const again = await restarted.api['review:open']({ tag: 'v1.0.0', key: docKey });
    expect(again.verdict).toBe('approved');
    expect((await restarted.api['review:summary']({ tag: 'v1.0.0' })).approved).toBe(true);
    // tag-verified and rebuild-started/-finished (by the rebuild), compare, then this one decision.
    expect(await checkAuditChain(reviewDir)).toMatchObject({ intact: true, entries: 5 });
  });

  it('decides by rule, recording each difference on its own with the rule named', async () => {
    const decided = await core.api['review:decide']({
      tag: 'v1.0.0',
      key: docKey,
      decision: 'blocking',
      comment: 'not until CI builds reproducibly',
      rule: { by: 'path', pattern: 'usr/share/doc/**' },
    });
    expect(decided.verdict).toBe('blocked');
    const last =
      (await readFile(join(reviewDir, 'audit.jsonl'), 'utf8')).trim().split('\n').pop() ?? '';
    expect(JSON.parse(last)).toMatchObject({
      kind: 'decision',
      data: { decision: 'blocking', rule: 'path usr/share/doc/**' },
    });
  });
});

describe('countersign diff and review', () => {
  it('prints the tree of one pair and exits 1 when it differs, 0 when identical', () => {
    const ci = join(reviewDir, 'ci-packages');
    const local = join(reviewDir, 'rebuild', 'artifacts', 'countersign-hello-doc_1.0.0_all.deb');
    const ciDoc = spawnSync('sh', ['-c', `ls ${ci}/*.deb`], { encoding: 'utf8' })
      .stdout.trim()
      .split('\n')
      .find((file) => {
        const info = spawnSync('dpkg-deb', ['-f', file, 'Package'], { encoding: 'utf8' });
        return info.stdout.trim() === 'countersign-hello-doc';
      });
    const different = countersign('diff', '--ci', ciDoc ?? '', '--local', local, '--json');
    expect(different.code, different.stderr).toBe(1);
    const tree = JSON.parse(different.stdout) as {
      nodes: { source1: string; diff: string | null }[];
    };
    expect(tree.nodes.find((node) => README.test(node.source1))?.diff).toContain(
      '+Built 2026-02-01 10:00 UTC.',
    );
    expect(countersign('diff', '--ci', local, '--local', local).code).toBe(0);
  });

  it("matches --path against member names only, as the UI's rules do, never against a difference's id", async () => {
    const { nodes } = await core.api['review:open']({ tag: 'v1.0.0', key: docKey });
    const readme = nodes.find((node) => README.test(node.source1));
    const id = readme?.id ?? '';
    // The id names the difference, but it is no member's path: the UI's "decide by path" cannot select by it.
    expect(
      nodes.some((node) => pathPattern(id)(node.source1) || pathPattern(id)(node.source2)),
    ).toBe(false);
    const before = await checkAuditChain(reviewDir);
    const byId = countersign('review', '--review', reviewDir, '--path', id, '--accept', 'by id');
    expect(byId.code, byId.stdout).toBe(2);
    expect(byId.stderr).toContain('matches no difference');
    expect(await checkAuditChain(reviewDir)).toEqual(before);
  });

  it('records a decision from a script and exits 0 once everything is approved', () => {
    const accepted = countersign(
      'review',
      '--review',
      reviewDir,
      '--path',
      'README.md',
      '--accept',
      'build clock',
    );
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toContain('approved');
    const nothing = countersign('review', '--review', reviewDir, '--path', '*.png', '--block', 'x');
    expect(nothing.code).toBe(2);
    expect(
      countersign('review', '--review', reviewDir, '--path', 'README.md', '--accept', ' ').code,
    ).toBe(2);
  });
});
