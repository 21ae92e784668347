import { describe, expect, it } from 'vitest';
import type { ArtifactSource, CompareResult } from '../../../../shared/compare';
import type { JobEvent } from '../../../../shared/jobs';
import { createCompareStore } from './createCompareStore';
import { fakeClient } from '../../stores/testing/fakeClient';

const JOB = '7d1e0c5a-2b3c-4d5e-8f90-a1b2c3d4e5f6';

function event(overrides: Partial<JobEvent> = {}): JobEvent {
  return {
    jobId: JOB,
    kind: 'compare',
    title: 'Compare v1.0.0',
    phase: 'starting',
    progress: null,
    state: 'running',
    at: '2026-02-01T10:00:00.000Z',
    ...overrides,
  };
}

function result(identical: boolean): CompareResult {
  const source: ArtifactSource = { kind: 'folder', location: '/ci', repository: null, skipped: [] };
  return {
    ci: source,
    local: { ...source, location: '/reviews/hello/v1.0.0/rebuild/artifacts' },
    artifacts: [],
    summary: { identical: identical ? 2 : 1, differs: identical ? 0 : 1, onlyCi: 0, onlyLocal: 0 },
    identical,
    comparedAt: '2026-02-01T10:00:00.000Z',
    bytesHashed: 4096,
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createCompareStore', () => {
  it('loads the saved comparison of a release, and nothing of another release survives', async () => {
    const { client, calls } = fakeClient();
    const store = createCompareStore(client);
    const first = store.getState().loadLast('v1.0.0');
    expect(calls[0]).toMatchObject({ channel: 'compare:last', request: { tag: 'v1.0.0' } });
    expect(store.getState()).toMatchObject({ tag: 'v1.0.0', loading: true });
    calls[0]?.answer({ ok: true, value: result(false) });
    await first;
    expect(store.getState()).toMatchObject({ loading: false, loadError: null });
    expect(store.getState().result?.summary.differs).toBe(1);

    store.getState().setStatusFilter('differs');
    store.getState().setQuery('doc');
    const second = store.getState().loadLast('v2.0.0');
    expect(store.getState()).toMatchObject({
      tag: 'v2.0.0',
      result: null,
      statusFilter: null,
      query: '',
    });
    calls[1]?.answer({ ok: true, value: null });
    await second;
    expect(store.getState()).toMatchObject({ result: null, loading: false });
  });

  it('drops an older load that answers after a newer one', async () => {
    const { client, calls } = fakeClient();
    const store = createCompareStore(client);
    const older = store.getState().loadLast('v1.0.0');
    const newer = store.getState().loadLast('v1.0.0');
    calls[1]?.answer({ ok: true, value: result(true) });
    await newer;
    calls[0]?.answer({ ok: true, value: result(false) });
    await older;
    expect(store.getState().result?.identical).toBe(true);
  });

  it('runs a comparison, follows only its own job’s progress in bytes, and keeps the result', async () => {
    const { client, calls } = fakeClient();
    const store = createCompareStore(client);
    const running = store.getState().runCompare('v1.0.0');
    expect(calls[0]).toMatchObject({ channel: 'compare:run', request: { tag: 'v1.0.0' } });
    expect(store.getState()).toMatchObject({
      running: true,
      jobState: 'running',
      phase: 'starting',
    });

    store.getState().receiveJobEvent(event({ kind: 'rebuild', jobId: 'other' }));
    store
      .getState()
      .receiveJobEvent(
        event({ phase: 'hash', progress: { done: 1024, total: 4096, unit: 'bytes' } }),
      );
    store.getState().receiveJobEvent(event({ jobId: 'other', phase: 'not ours' }));
    expect(store.getState()).toMatchObject({
      jobId: JOB,
      phase: 'hash',
      progress: { done: 1024, total: 4096, unit: 'bytes' },
    });

    // A load asked for meanwhile does not replace the run.
    void store.getState().loadLast('v1.0.0');
    expect(calls).toHaveLength(1);

    calls[0]?.answer({ ok: true, value: result(false) });
    await running;
    expect(store.getState()).toMatchObject({
      running: false,
      jobState: 'succeeded',
      error: null,
      cancelled: false,
    });
    expect(store.getState().result?.bytesHashed).toBe(4096);
  });

  it('cancels its job, and reports the cancellation as such rather than as an error', async () => {
    const { client, calls } = fakeClient();
    const store = createCompareStore(client);
    const running = store.getState().runCompare('v1.0.0');
    // No job yet: nothing to cancel.
    await store.getState().cancelCompare();
    expect(calls).toHaveLength(1);
    store.getState().receiveJobEvent(event());
    void store.getState().cancelCompare();
    expect(calls[1]).toMatchObject({ channel: 'jobs:cancel', request: { jobId: JOB } });
    expect(store.getState().cancelling).toBe(true);
    calls[1]?.answer({ ok: true, value: { cancelled: true } });
    calls[0]?.answer({
      ok: false,
      error: { code: 'CANCELLED', message: 'The comparison was cancelled.' },
    });
    await running;
    expect(store.getState()).toMatchObject({
      running: false,
      cancelling: false,
      cancelled: true,
      error: null,
      jobState: 'cancelled',
    });
  });

  it('keeps errors as data, beside the saved result they do not replace', async () => {
    const { client, calls } = fakeClient();
    const store = createCompareStore(client);
    const loading = store.getState().loadLast('v1.0.0');
    calls[0]?.answer({ ok: true, value: result(true) });
    await loading;

    const running = store.getState().runCompare('v1.0.0');
    calls[1]?.answer({
      ok: false,
      error: {
        code: 'REPOSITORY_SIGNATURE_INVALID',
        message: 'The Release file’s signature does not verify.',
        hint: 'Check the repository keys in project.json.',
      },
    });
    await running;
    expect(store.getState().error).toEqual({
      code: 'REPOSITORY_SIGNATURE_INVALID',
      message: 'The Release file’s signature does not verify.',
      hint: 'Check the repository keys in project.json.',
    });
    expect(store.getState()).toMatchObject({ jobState: 'failed', running: false });
    expect(store.getState().result?.identical).toBe(true);
    store.getState().dismissError();
    expect(store.getState().error).toBeNull();

    const failedLoad = store.getState().loadLast('v3.0.0');
    calls[2]?.answer({ ok: false, error: { code: 'ENGINE_UNREACHABLE', message: 'No answer.' } });
    await failedLoad;
    expect(store.getState()).toMatchObject({
      loading: false,
      loadError: { code: 'ENGINE_UNREACHABLE' },
    });
  });

  it('shows a refused cancel as an error', async () => {
    const { client, calls } = fakeClient();
    const store = createCompareStore(client);
    void store.getState().runCompare('v1.0.0');
    store.getState().receiveJobEvent(event());
    const cancelling = store.getState().cancelCompare();
    calls[1]?.answer({ ok: false, error: { code: 'JOB_NOT_FOUND', message: 'No such job.' } });
    await cancelling;
    expect(store.getState()).toMatchObject({ cancelling: false, error: { code: 'JOB_NOT_FOUND' } });
  });

  it('sorts by a column, flipping on a second click, and filters by status', () => {
    const store = createCompareStore(fakeClient().client);
    expect(store.getState().sort).toEqual({ key: 'status', direction: 'ascending' });
    store.getState().sortBy('name');
    store.getState().sortBy('name');
    expect(store.getState().sort).toEqual({ key: 'name', direction: 'descending' });
    store.getState().setStatusFilter('only-ci');
    expect(store.getState().statusFilter).toBe('only-ci');
  });

  it('resets to nothing loaded and ignores answers that arrive afterwards', async () => {
    const { client, calls } = fakeClient();
    const store = createCompareStore(client);
    const loading = store.getState().loadLast('v1.0.0');
    store.getState().reset();
    calls[0]?.answer({ ok: true, value: result(false) });
    await loading;
    expect(store.getState()).toMatchObject({ tag: null, result: null, loading: false });

    const running = store.getState().runCompare('v1.0.0');
    store.getState().receiveJobEvent(event());
    store.getState().sortBy('ciSize');
    store.getState().reset();
    expect(store.getState()).toMatchObject({
      running: false,
      jobId: null,
      jobState: null,
      sort: { key: 'status', direction: 'ascending' },
    });
    calls[1]?.answer({ ok: true, value: result(false) });
    await running;
    await flush();
    expect(store.getState().result).toBeNull();
  });
});
