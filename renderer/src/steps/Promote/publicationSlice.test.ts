import { describe, expect, it, vi } from 'vitest';
import type { JobEvent } from '../../../../shared/jobs';
import type { RunPromotionRequest } from '../../../../shared/promote';
import { sampleResult } from './testing/samplePlan';
import { createPromoteRunStore } from './testing/sliceStores';
import { fakeClient } from '../../stores/testing/fakeClient';

const JOB = '8a7b6c5d-4e3f-4a1b-9c0d-1e2f3a4b5c6d';
const PASSPHRASE = 'correct horse battery staple';

function event(overrides: Partial<JobEvent> = {}): JobEvent {
  return {
    jobId: JOB,
    kind: 'promote',
    title: 'Promote v1.0.0',
    phase: 'pool',
    progress: null,
    state: 'running',
    at: '2026-02-01T12:00:00.000Z',
    ...overrides,
  };
}

const request: RunPromotionRequest = {
  tag: 'v1.0.0',
  packages: ['hello'],
  passphrase: PASSPHRASE,
  planDigest: 'e'.repeat(64),
};

describe('createPromoteRunStore', () => {
  it('publishes the plan read, follows its phases, and keeps the result but not the passphrase', async () => {
    const { client, calls } = fakeClient();
    const changed = vi.fn();
    const store = createPromoteRunStore(client, { onPublicationChanged: changed });
    const publishing = store.getState().publish(request);
    expect(calls[0]).toMatchObject({ channel: 'promote:run', request });
    expect(store.getState()).toMatchObject({ running: true, tag: 'v1.0.0', result: null });

    store.getState().receiveJobEvent(event({ kind: 'promote-plan', jobId: 'other' }));
    store.getState().receiveJobEvent(event());
    store.getState().receiveJobEvent(event({ phase: 'sign' }));
    expect(store.getState()).toMatchObject({ jobId: JOB, phase: 'sign' });
    expect(JSON.stringify(store.getState())).not.toContain(PASSPHRASE);

    calls[0]?.answer({ ok: true, value: sampleResult() });
    expect(await publishing).toBe(true);
    expect(store.getState()).toMatchObject({ running: false, jobState: 'succeeded', error: null });
    expect(store.getState().result?.signedBy).toBe('B'.repeat(40));
    expect(changed).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(store.getState())).not.toContain(PASSPHRASE);
  });

  it('keeps a wrong passphrase as an error, with nothing published', async () => {
    const { client, calls } = fakeClient();
    const changed = vi.fn();
    const store = createPromoteRunStore(client, { onPublicationChanged: changed });
    const publishing = store.getState().publish(request);
    calls[0]?.answer({
      ok: false,
      error: { code: 'WRONG_PASSPHRASE', message: 'The passphrase does not unlock the key.' },
    });
    expect(await publishing).toBe(false);
    expect(store.getState()).toMatchObject({
      running: false,
      jobState: 'failed',
      result: null,
      error: { code: 'WRONG_PASSPHRASE' },
    });
    expect(changed).not.toHaveBeenCalled();
    expect(JSON.stringify(store.getState())).not.toContain(PASSPHRASE);
  });

  it('publishes one plan at a time', async () => {
    const { client, calls } = fakeClient();
    const store = createPromoteRunStore(client);
    const first = store.getState().publish(request);
    expect(await store.getState().publish(request)).toBe(false);
    expect(await store.getState().rollback('v1.0.0')).toBe(false);
    expect(calls).toHaveLength(1);
    calls[0]?.answer({ ok: true, value: sampleResult() });
    await first;
  });

  it('rolls back to the previous publication, keeping the result it undid', async () => {
    const { client, calls } = fakeClient();
    const changed = vi.fn();
    const store = createPromoteRunStore(client, { onPublicationChanged: changed });
    const publishing = store.getState().publish(request);
    calls[0]?.answer({ ok: true, value: sampleResult() });
    await publishing;

    const rolling = store.getState().rollback('v1.0.0');
    expect(calls[1]).toMatchObject({ channel: 'promote:rollback', request: { tag: 'v1.0.0' } });
    expect(store.getState().rollingBack).toBe(true);
    const from = sampleResult().publication;
    const to = { ...from, id: '20260101T000000Z', tag: 'v0.9.0' };
    calls[1]?.answer({ ok: true, value: { from, to } });
    expect(await rolling).toBe(true);
    expect(store.getState()).toMatchObject({
      rollingBack: false,
      result: { publication: { id: from.id } },
      rollbackResult: { from: { id: from.id }, to: { id: to.id } },
    });
    expect(changed).toHaveBeenCalledTimes(2);
  });

  it('shows a refused rollback and keeps the result it did not undo', async () => {
    const { client, calls } = fakeClient();
    const store = createPromoteRunStore(client);
    const publishing = store.getState().publish(request);
    calls[0]?.answer({ ok: true, value: sampleResult() });
    await publishing;
    const rolling = store.getState().rollback('v1.0.0');
    calls[1]?.answer({
      ok: false,
      error: { code: 'NOTHING_TO_ROLL_BACK', message: 'apt-prod has no earlier publication.' },
    });
    expect(await rolling).toBe(false);
    expect(store.getState()).toMatchObject({
      rollingBack: false,
      rollbackError: { code: 'NOTHING_TO_ROLL_BACK' },
    });
    expect(store.getState().result).not.toBeNull();
    store.getState().dismissRollbackError();
    expect(store.getState().rollbackError).toBeNull();
  });

  it('drops an answer that arrives after a reset', async () => {
    const { client, calls } = fakeClient();
    const store = createPromoteRunStore(client);
    const publishing = store.getState().publish(request);
    store.getState().reset();
    calls[0]?.answer({ ok: true, value: sampleResult() });
    expect(await publishing).toBe(false);
    expect(store.getState()).toMatchObject({ running: false, result: null, tag: null });
  });
});
