import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { JobEvent } from '../../../shared/jobs';
import {
  createJobFollowSlice,
  JOB_IDLE,
  JOB_STARTED,
  jobSettled,
  type JobFollowOptions,
  type JobFollowSlice,
} from './jobFollowSlice';
import { fakeClient } from './testing/fakeClient';

const JOB = '5b0c3e1d-8f2a-4c6b-9d7e-0a1b2c3d4e5f';

function event(overrides: Partial<JobEvent> = {}): JobEvent {
  return {
    jobId: JOB,
    kind: 'diffoscope',
    title: 'diffoscope hello-doc_1.0.0_all.deb',
    phase: 'starting',
    progress: null,
    state: 'running',
    at: '2026-02-01T10:00:00.000Z',
    ...overrides,
  };
}

interface TestState extends JobFollowSlice {
  events: number;
}

function testStore(options: Partial<JobFollowOptions<TestState>> = {}) {
  const { client, calls } = fakeClient();
  const slice = createJobFollowSlice<TestState>(client, { kind: 'diffoscope', ...options });
  const store = create<TestState>()((set, get, api) => ({
    ...slice(set, get, api),
    events: 0,
  }));
  return { store, calls };
}

describe('the job-following slice', () => {
  it('ignores every event until a run starts, then claims the first running event of its kind', () => {
    const { store } = testStore();
    store.getState().receiveJobEvent(event());
    expect(store.getState()).toMatchObject(JOB_IDLE);

    store.setState(JOB_STARTED);
    store.getState().receiveJobEvent(event({ kind: 'compare', jobId: 'other' }));
    store.getState().receiveJobEvent(event({ jobId: 'finished', state: 'succeeded' }));
    expect(store.getState().jobId).toBeNull();
    store
      .getState()
      .receiveJobEvent(event({ phase: 'report', progress: { done: 1, total: 4, unit: 'steps' } }));
    store.getState().receiveJobEvent(event({ jobId: 'other', phase: 'not ours' }));
    expect(store.getState()).toMatchObject({
      jobId: JOB,
      phase: 'report',
      progress: { done: 1, total: 4, unit: 'steps' },
      jobState: 'running',
    });
  });

  it('lets a store decide which job is its own, and apply more from the same event', () => {
    const { store } = testStore({
      claims: (candidate) => candidate.title.includes('hello-doc'),
      alsoApply: (_event, state) => ({ events: state.events + 1 }),
    });
    store.setState(JOB_STARTED);
    store.getState().receiveJobEvent(event({ jobId: 'other', title: 'diffoscope other.deb' }));
    expect(store.getState()).toMatchObject({ jobId: null, events: 0 });
    store.getState().receiveJobEvent(event());
    store.getState().receiveJobEvent(event({ phase: 'done', state: 'succeeded' }));
    expect(store.getState()).toMatchObject({ jobId: JOB, jobState: 'succeeded', events: 2 });
  });

  it('cancels only a job it knows, and shows a refusal as its error', async () => {
    const { store, calls } = testStore();
    store.setState(JOB_STARTED);
    await store.getState().cancelJob();
    expect(calls).toHaveLength(0);

    store.getState().receiveJobEvent(event());
    const cancelling = store.getState().cancelJob();
    expect(calls[0]).toMatchObject({ channel: 'jobs:cancel', request: { jobId: JOB } });
    expect(store.getState().cancelling).toBe(true);
    calls[0]?.answer({ ok: false, error: { code: 'JOB_NOT_FOUND', message: 'No such job.' } });
    await cancelling;
    expect(store.getState()).toMatchObject({ cancelling: false, error: { code: 'JOB_NOT_FOUND' } });
    store.getState().dismissError();
    expect(store.getState().error).toBeNull();
  });

  it('ends a run as succeeded, cancelled (not an error) or failed with its error', () => {
    expect(jobSettled({ ok: true, value: 1 })).toEqual({
      running: false,
      cancelling: false,
      jobState: 'succeeded',
      cancelled: false,
      error: null,
    });
    expect(
      jobSettled({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled.' } }),
    ).toMatchObject({ jobState: 'cancelled', cancelled: true, error: null });
    expect(
      jobSettled({ ok: false, error: { code: 'DIFFOSCOPE_TIMEOUT', message: 'Too slow.' } }),
    ).toMatchObject({
      jobState: 'failed',
      cancelled: false,
      error: { code: 'DIFFOSCOPE_TIMEOUT' },
    });
  });
});
