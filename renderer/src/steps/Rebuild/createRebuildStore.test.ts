import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../../../shared/jobs';
import { createRebuildStore, MAX_REBUILD_LOG_LINES } from './createRebuildStore';
import { fakeClient } from '../../stores/testing/fakeClient';

const JOB = '0b3c4f2e-8a8d-4a51-9d6c-1f2e3d4c5b6a';

function event(overrides: Partial<JobEvent> = {}): JobEvent {
  return {
    jobId: JOB,
    kind: 'rebuild',
    title: 'Rebuild v1.0.0',
    phase: 'starting',
    progress: null,
    state: 'running',
    at: '2026-02-01T10:00:00.000Z',
    ...overrides,
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createRebuildStore', () => {
  it('follows its own job’s events and cancels that job', async () => {
    const { client, calls } = fakeClient();
    const store = createRebuildStore(client);
    store.getState().setCheckReproducible(true);
    const running = store.getState().runRebuild('v1.0.0');
    expect(calls[0]?.request).toEqual({ tag: 'v1.0.0', checkReproducible: true });

    store.getState().receiveJobEvent(event({ kind: 'verify-tag', jobId: 'other' }));
    store.getState().receiveJobEvent(event({ phase: 'build', log: 'dpkg-buildpackage -b' }));
    store.getState().receiveJobEvent(event({ jobId: 'other', log: 'not ours' }));
    expect(store.getState().jobId).toBe(JOB);
    expect(store.getState().phase).toBe('build');
    expect(store.getState().log.map((line) => line.text)).toEqual(['dpkg-buildpackage -b']);

    void store.getState().cancelRebuild();
    expect(calls[1]).toMatchObject({ channel: 'jobs:cancel', request: { jobId: JOB } });
    calls[1]?.answer({ ok: true, value: { cancelled: true } });
    calls[0]?.answer({
      ok: false,
      error: { code: 'CANCELLED', message: 'The rebuild was cancelled.' },
    });
    await flush();
    expect(calls[2]).toMatchObject({ channel: 'rebuild:list', request: { tag: 'v1.0.0' } });
    calls[2]?.answer({ ok: true, value: [] });
    await running;
    expect(store.getState()).toMatchObject({
      running: false,
      cancelled: true,
      error: null,
      result: null,
    });
  });

  it('counts the varied build when the phases start over', () => {
    const { client } = fakeClient();
    const store = createRebuildStore(client);
    void store.getState().runRebuild('v1.0.0');
    store.getState().receiveJobEvent(event({ phase: 'collect' }));
    store.getState().receiveJobEvent(event({ phase: 'done' }));
    expect(store.getState().build).toBe(1);
    store.getState().receiveJobEvent(event({ phase: 'prepare image' }));
    expect(store.getState().build).toBe(2);
  });

  it('keeps the error of a failed build and bounds the log', async () => {
    const { client, calls } = fakeClient();
    const store = createRebuildStore(client);
    const running = store.getState().runRebuild('v1.0.0');
    for (let i = 0; i < MAX_REBUILD_LOG_LINES + 3; i += 1)
      store.getState().receiveJobEvent(event({ log: `line ${i}` }));
    expect(store.getState().log).toHaveLength(MAX_REBUILD_LOG_LINES);
    expect(store.getState().droppedLines).toBe(3);
    expect(store.getState().log[0]?.text).toBe('line 3');

    calls[0]?.answer({
      ok: false,
      error: { code: 'BUILD_FAILED', message: 'The build failed.', hint: 'Full log: /x.log' },
    });
    await flush();
    calls[1]?.answer({ ok: true, value: [] });
    await running;
    expect(store.getState().error?.code).toBe('BUILD_FAILED');
    expect(store.getState().cancelled).toBe(false);
  });
});
