import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../../shared/api';
import type { JobEvent } from '../../../../shared/jobs';
import type {
  ArtifactReview,
  DiffPage,
  DifferenceNode,
  ReviewSummary,
} from '../../../../shared/review';
import { createReviewStore, DIFF_CACHE_SIZE, diffKey } from './createReviewStore';
import { fakeClient as recordingClient } from '../../stores/testing/fakeClient';

/** The shared fake engine, plus answering the latest call on a channel. */
function fakeClient() {
  const { client, calls } = recordingClient();
  /** The latest call on a channel not answered yet, answered now. */
  const answer = (channel: Channel, outcome: unknown) => {
    const call = calls.findLast((candidate) => candidate.channel === channel);
    if (!call) throw new Error(`no call on ${channel}`);
    calls.splice(calls.indexOf(call), 1);
    call.answer(outcome);
  };
  return { client, calls, answer };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const ok = <T>(value: T) => ({ ok: true, value });

const NAME = 'countersign-hello-doc_1.0.0_all.deb';
const KEY = 'deb:countersign-hello-doc_1.0.0_all';
const README = `${NAME} ▸ data.tar ▸ ./usr/share/doc/countersign-hello-doc/README`;
const MD5SUMS = `${NAME} ▸ control.tar ▸ ./md5sums`;

const nodes: DifferenceNode[] = [
  {
    id: NAME,
    depth: 0,
    source1: 'ci.deb',
    source2: 'local.deb',
    comments: [],
    diffLines: 0,
    decidable: false,
    explainedBy: null,
  },
  {
    id: MD5SUMS,
    depth: 1,
    source1: './md5sums',
    source2: './md5sums',
    comments: [],
    diffLines: 2,
    decidable: true,
    explainedBy: [README],
  },
  {
    id: README,
    depth: 1,
    source1: './usr/share/doc/countersign-hello-doc/README',
    source2: './usr/share/doc/countersign-hello-doc/README',
    comments: [],
    diffLines: 4,
    decidable: true,
    explainedBy: null,
  },
];

function review(state: 'running' | 'ready' | 'failed', overrides: Partial<ArtifactReview> = {}) {
  const ready = state === 'ready';
  const value: ArtifactReview = {
    key: KEY,
    name: NAME,
    ciSha256: 'a'.repeat(64),
    localSha256: 'b'.repeat(64),
    report: {
      state,
      diffoscopeVersion: ready ? 'diffoscope 272' : null,
      reportSha256: ready ? 'c'.repeat(64) : null,
      generatedAt: ready ? '2026-02-01T10:00:00.000Z' : null,
      problem: state === 'failed' ? 'diffoscope took longer than 10 s.' : null,
    },
    nodes: ready ? nodes : [],
    members: [
      {
        id: 'data.tar ▸ ./usr/share/doc/countersign-hello-doc/README',
        path: './usr/share/doc/countersign-hello-doc/README',
        status: 'differs',
        ciSize: 40,
        localSize: 40,
      },
      {
        id: 'control.tar ▸ ./md5sums',
        path: './md5sums',
        status: 'differs',
        ciSize: 80,
        localSize: 80,
      },
    ],
    decisions: {},
    verdict: ready ? 'unreviewed' : 'awaiting-report',
    counts: { differences: ready ? 1 : 0, accepted: 0, blocking: 0, unreviewed: ready ? 1 : 0 },
    ...overrides,
  };
  return value;
}

const summary: ReviewSummary = {
  tag: 'v1.0.0',
  artifacts: [{ key: KEY, name: NAME, verdict: 'awaiting-report' }],
  approved: false,
};

function event(overrides: Partial<JobEvent> = {}): JobEvent {
  return {
    jobId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    kind: 'diffoscope',
    title: `diffoscope ${NAME}`,
    phase: 'diffoscope',
    progress: { done: 0, total: 2, unit: 'steps' },
    state: 'running',
    at: '2026-02-01T10:00:00.000Z',
    ...overrides,
  };
}

function page(differenceId: string, from: number, lineCount: number, totalLines: number): DiffPage {
  return {
    differenceId,
    text: `${Array.from({ length: lineCount }, (_, index) => ` line ${from + index}`).join('\n')}\n`,
    from,
    lineCount,
    totalLines,
    next: from + lineCount < totalLines ? from + lineCount : null,
  };
}

describe('createReviewStore', () => {
  it('shows the members at once, follows the report’s job, and replaces them with the tree when it lands', async () => {
    const { client, calls, answer } = fakeClient();
    const store = createReviewStore(client);
    const summaryLoad = store.getState().loadSummary('v1.0.0');
    const opening = store.getState().openArtifact('v1.0.0', KEY);
    expect(calls.map((call) => call.channel)).toEqual(['review:summary', 'review:open']);
    expect(store.getState()).toMatchObject({ tag: 'v1.0.0', key: KEY, opening: true });
    answer('review:summary', ok(summary));
    answer('review:open', ok(review('running')));
    await Promise.all([summaryLoad, opening]);

    // Provisional: our own members, the first selected; the background report is followed.
    expect(store.getState()).toMatchObject({
      opening: false,
      running: true,
      backgroundReport: true,
      selectedId: 'data.tar ▸ ./usr/share/doc/countersign-hello-doc/README',
    });
    store.getState().receiveJobEvent(event({ jobId: 'other', title: 'diffoscope other.deb' }));
    expect(store.getState().jobId).toBeNull();
    store
      .getState()
      .receiveJobEvent(
        event({ phase: 'read report', progress: { done: 1, total: 2, unit: 'steps' } }),
      );
    expect(store.getState()).toMatchObject({ phase: 'read report', progress: { done: 1 } });

    // Its job ends: the artifact is opened again, and the tree replaces the members.
    store.getState().receiveJobEvent(event({ phase: 'done', state: 'succeeded' }));
    expect(calls.map((call) => call.channel)).toEqual(['review:open']);
    answer('review:open', ok(review('ready')));
    await flush();
    expect(store.getState()).toMatchObject({
      running: false,
      backgroundReport: false,
      jobState: 'succeeded',
      // The member looked at becomes the report's node for the same path.
      selectedId: README,
    });
    expect(store.getState().review?.nodes).toHaveLength(3);
    expect(store.getState().summary?.artifacts[0]?.verdict).toBe('unreviewed');
  });

  it('opens on the difference that explains the md5sums, in the listing and in the report', async () => {
    const { client, answer } = fakeClient();
    const store = createReviewStore(client);
    const opening = store.getState().openArtifact('v1.0.0', KEY);
    // The engine lists control.tar before data.tar: the md5sums comes first.
    const running = review('running');
    answer('review:open', ok({ ...running, members: [...running.members].reverse() }));
    await opening;
    expect(store.getState().selectedId).toBe(
      'data.tar ▸ ./usr/share/doc/countersign-hello-doc/README',
    );
    const again = store.getState().refresh();
    answer('review:open', ok(review('ready')));
    await again;
    expect(store.getState().selectedId).toBe(README);

    // The user's own choice of the md5sums is kept.
    store.getState().select(MD5SUMS);
    const kept = store.getState().refresh();
    answer('review:open', ok(review('ready')));
    await kept;
    expect(store.getState().selectedId).toBe(MD5SUMS);
  });

  it('follows a report job the window saw start before review:open answered', async () => {
    const { client, answer } = fakeClient();
    const asked: string[] = [];
    const store = createReviewStore(client, {
      findRunningJob: (title) => {
        asked.push(title);
        return { jobId: event().jobId, phase: 'diffoscope', progress: null };
      },
    });
    const opening = store.getState().openArtifact('v1.0.0', KEY);
    answer('review:open', ok(review('running')));
    await opening;
    expect(asked).toEqual([`diffoscope ${NAME}`]);
    expect(store.getState()).toMatchObject({ jobId: event().jobId, phase: 'diffoscope' });
  });

  it('looks again when any report job ends while its own was never seen', async () => {
    const { client, calls, answer } = fakeClient();
    const store = createReviewStore(client);
    const opening = store.getState().openArtifact('v1.0.0', KEY);
    answer('review:open', ok(review('running')));
    await opening;
    store.getState().receiveJobEvent(event({ state: 'succeeded', title: 'diffoscope other.deb' }));
    expect(calls.map((call) => call.channel)).toEqual(['review:open']);
    answer('review:open', ok(review('running')));
    await flush();
    expect(store.getState().running).toBe(true);
  });

  it('drops what an older artifact answers once another is open', async () => {
    const { client, calls } = fakeClient();
    const store = createReviewStore(client);
    const first = store.getState().openArtifact('v1.0.0', KEY);
    const second = store.getState().openArtifact('v1.0.0', 'deb:other');
    expect(store.getState()).toMatchObject({ key: 'deb:other', review: null });
    calls[0]?.answer(ok(review('ready')));
    await first;
    expect(store.getState().review).toBeNull();
    calls[1]?.answer({
      ok: false,
      error: { code: 'ARTIFACT_NOT_FOUND', message: 'No such artifact.' },
    });
    await second;
    expect(store.getState()).toMatchObject({
      opening: false,
      openError: { code: 'ARTIFACT_NOT_FOUND' },
    });
  });

  it('loads a diff a page at a time, appends the next page, and bounds what it keeps', async () => {
    const { client, calls, answer } = fakeClient();
    const store = createReviewStore(client);
    const opening = store.getState().openArtifact('v1.0.0', KEY);
    answer('review:open', ok(review('ready')));
    await opening;
    const current = () => store.getState().diffs[diffKey(store.getState().review!, README)];

    const first = store.getState().loadDiff(README);
    void store.getState().loadDiff(README);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      channel: 'review:diffPage',
      request: { tag: 'v1.0.0', key: KEY, differenceId: README, from: 0, maxLines: 2_000 },
    });
    expect(current()).toMatchObject({ loading: true, pages: [] });
    answer('review:diffPage', ok(page(README, 0, 2_000, 4_500)));
    await first;
    expect(current()?.pages).toHaveLength(1);

    const more = store.getState().loadMoreDiff(README);
    expect(calls[0]?.request).toMatchObject({ from: 2_000 });
    answer('review:diffPage', ok(page(README, 2_000, 2_000, 4_500)));
    await more;
    expect(current()?.pages.map((loaded) => loaded.from)).toEqual([0, 2_000]);

    for (let index = 0; index < DIFF_CACHE_SIZE + 3; index += 1) {
      const loading = store.getState().loadDiff(`node ${index}`);
      answer('review:diffPage', ok(page(`node ${index}`, 0, 1, 1)));
      await loading;
    }
    expect(Object.keys(store.getState().diffs)).toHaveLength(DIFF_CACHE_SIZE);
    expect(current()).toBeUndefined();
  });

  it('asks for a member’s diff while the report runs', async () => {
    const { client, calls, answer } = fakeClient();
    const store = createReviewStore(client);
    const opening = store.getState().openArtifact('v1.0.0', KEY);
    answer('review:open', ok(review('running')));
    await opening;
    const loading = store.getState().loadDiff('control.tar ▸ ./md5sums');
    expect(calls[0]).toMatchObject({
      channel: 'review:memberDiff',
      request: { tag: 'v1.0.0', key: KEY, memberId: 'control.tar ▸ ./md5sums' },
    });
    answer('review:memberDiff', {
      ok: false,
      error: { code: 'TOOL_MISSING', message: 'diffoscope is not installed.' },
    });
    await loading;
    expect(store.getState().diffs['member:control.tar ▸ ./md5sums']).toMatchObject({
      loading: false,
      error: { code: 'TOOL_MISSING' },
    });
  });

  it('records a decision, takes the artifact’s new verdict, and asks where the release stands', async () => {
    const { client, calls, answer } = fakeClient();
    const store = createReviewStore(client);
    const summaryLoad = store.getState().loadSummary('v1.0.0');
    answer('review:summary', ok(summary));
    await summaryLoad;
    const opening = store.getState().openArtifact('v1.0.0', KEY);
    answer('review:open', ok(review('ready')));
    await opening;

    const refused = store.getState().decide('accepted', 'Only the build date.', {
      differenceIds: [README],
    });
    expect(calls[0]).toMatchObject({
      channel: 'review:decide',
      request: {
        tag: 'v1.0.0',
        key: KEY,
        decision: 'accepted',
        comment: 'Only the build date.',
        differenceIds: [README],
      },
    });
    answer('review:decide', {
      ok: false,
      error: { code: 'REPORT_NOT_READY', message: 'The report is not ready.' },
    });
    expect(await refused).toBe(false);
    expect(store.getState()).toMatchObject({
      deciding: false,
      decideError: { code: 'REPORT_NOT_READY' },
    });

    const deciding = store.getState().decide('accepted', 'Only the build date.', {
      rule: { by: 'path', pattern: 'README' },
    });
    expect(store.getState()).toMatchObject({ deciding: true, decideError: null });
    answer(
      'review:decide',
      ok(
        review('ready', {
          verdict: 'approved',
          counts: { differences: 1, accepted: 1, blocking: 0, unreviewed: 0 },
          decisions: {
            [README]: {
              differenceId: README,
              decision: 'accepted',
              comment: 'Only the build date.',
              reviewer: 'Dana Maintainer',
              at: '2026-02-01T11:00:00.000Z',
              rule: 'path README',
            },
          },
        }),
      ),
    );
    expect(await deciding).toBe(true);
    expect(store.getState().review?.verdict).toBe('approved');
    expect(store.getState().summary?.artifacts[0]?.verdict).toBe('approved');
    expect(calls.map((call) => call.channel)).toEqual(['review:summary']);
    answer(
      'review:summary',
      ok({
        ...summary,
        artifacts: [{ ...summary.artifacts[0]!, verdict: 'approved' }],
        approved: true,
      }),
    );
    await flush();
    expect(store.getState().summary?.approved).toBe(true);
  });

  it('runs the report again with a time limit, and shows why it failed', async () => {
    const { client, calls, answer } = fakeClient();
    const store = createReviewStore(client);
    const opening = store.getState().openArtifact('v1.0.0', KEY);
    answer('review:open', ok(review('failed')));
    await opening;
    expect(store.getState().running).toBe(false);

    const running = store.getState().runReport(1_200);
    expect(calls[0]).toMatchObject({
      channel: 'review:runReport',
      request: { tag: 'v1.0.0', key: KEY, timeLimitSeconds: 1_200 },
    });
    expect(store.getState()).toMatchObject({
      running: true,
      backgroundReport: false,
      review: { report: { state: 'running', problem: null } },
    });
    store.getState().receiveJobEvent(event());
    answer('review:runReport', {
      ok: false,
      error: { code: 'DIFFOSCOPE_TIMEOUT', message: 'diffoscope took longer than 1200 s.' },
    });
    await flush();
    expect(store.getState()).toMatchObject({
      running: false,
      jobState: 'failed',
      error: { code: 'DIFFOSCOPE_TIMEOUT' },
    });
    answer('review:open', ok(review('failed')));
    await flush();
    answer('review:summary', ok(summary));
    await running;
    expect(store.getState().review?.report.state).toBe('failed');
  });

  it('keeps the layout and filter it is given, and forgets everything on reset', async () => {
    const { client, calls, answer } = fakeClient();
    const store = createReviewStore(client);
    store.getState().toggleLayout();
    expect(store.getState().layout).toBe('side-by-side');
    store.getState().toggleLayout();
    expect(store.getState().layout).toBe('line-by-line');
    store.getState().setFilter('unreviewed');
    const opening = store.getState().openArtifact('v1.0.0', KEY);
    expect(store.getState().filter).toBe('all');
    store.getState().reset();
    answer('review:open', ok(review('ready')));
    await opening;
    expect(store.getState()).toMatchObject({ tag: null, key: null, review: null });
    expect(calls).toHaveLength(0);
  });
});
