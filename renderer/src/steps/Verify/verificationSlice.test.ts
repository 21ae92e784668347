import { describe, expect, it, vi } from 'vitest';
import type { JobEvent } from '../../../../shared/jobs';
import { samplePackage, sampleSuite, sampleVerification } from './testing/sampleVerification';
import { fakeClient } from '../../stores/testing/fakeClient';
import { createVerifyRunStore } from './testing/sliceStores';

const JOB = '8a7b6c5d-4e3f-4a1b-9c0d-1e2f3a4b5c6d';

function event(overrides: Partial<JobEvent> = {}): JobEvent {
  return {
    jobId: JOB,
    kind: 'verify-repo',
    title: 'Verify apt-prod against v1.0.0',
    phase: 'signatures',
    progress: null,
    state: 'running',
    at: '2026-02-01T12:00:00.000Z',
    ...overrides,
  };
}

describe('createVerifyRunStore', () => {
  it('verifies apt-prod against the tag, follows its job, and keeps the verdict', async () => {
    const { client, calls } = fakeClient();
    const verified = vi.fn();
    const store = createVerifyRunStore(client, { onVerified: verified });
    const verifying = store.getState().verify({ tag: 'v1.0.0' });
    expect(calls[0]).toMatchObject({ channel: 'verify:repo', request: { tag: 'v1.0.0' } });
    expect(store.getState()).toMatchObject({ running: true, tag: 'v1.0.0', result: null });

    store.getState().receiveJobEvent(event({ kind: 'promote', jobId: 'other' }));
    store.getState().receiveJobEvent(event());
    store
      .getState()
      .receiveJobEvent(event({ phase: 'hashing', progress: { done: 1, total: 2, unit: 'files' } }));
    expect(store.getState()).toMatchObject({ jobId: JOB, phase: 'hashing' });

    calls[0]?.answer({ ok: true, value: sampleVerification() });
    expect(await verifying).toBe(true);
    expect(store.getState()).toMatchObject({ running: false, jobState: 'succeeded', error: null });
    expect(store.getState().result?.status).toBe('verified');
    expect(verified).toHaveBeenCalledWith('v1.0.0');
  });

  it('keeps a failed verdict as a result, not an error', async () => {
    const { client, calls } = fakeClient();
    const store = createVerifyRunStore(client);
    const verifying = store.getState().verify({ tag: 'v1.0.0' });
    const broken = samplePackage({
      status: 'failed',
      brokenLink: 'review',
      problem: 'This file was never approved by the review.',
    });
    calls[0]?.answer({
      ok: true,
      value: sampleVerification({
        status: 'failed',
        suites: [sampleSuite({ status: 'failed', packages: [broken] })],
      }),
    });
    expect(await verifying).toBe(true);
    expect(store.getState().error).toBeNull();
    expect(store.getState().result?.suites[0]?.packages[0]?.brokenLink).toBe('review');
  });

  it('keeps a check that could not run as an error, with no history to refresh', async () => {
    const { client, calls } = fakeClient();
    const verified = vi.fn();
    const store = createVerifyRunStore(client, { onVerified: verified });
    const verifying = store.getState().verify({ tag: 'v1.0.0' });
    calls[0]?.answer({
      ok: false,
      error: { code: 'NO_RELEASE_KEY', message: 'The project has no release key.' },
    });
    expect(await verifying).toBe(false);
    expect(store.getState()).toMatchObject({
      running: false,
      jobState: 'failed',
      result: null,
      error: { code: 'NO_RELEASE_KEY' },
    });
    expect(verified).not.toHaveBeenCalled();
  });

  it('runs one verification at a time, and a reset drops the answer still on its way', async () => {
    const { client, calls } = fakeClient();
    const store = createVerifyRunStore(client);
    const first = store.getState().verify({ tag: 'v1.0.0' });
    expect(await store.getState().verify({ tag: 'v1.0.0' })).toBe(false);
    expect(calls).toHaveLength(1);
    store.getState().reset();
    calls[0]?.answer({ ok: true, value: sampleVerification() });
    expect(await first).toBe(false);
    expect(store.getState()).toMatchObject({ running: false, tag: null, result: null });
  });

  it('verifies a repository by URL with a pasted key and no review, leaving the history alone', async () => {
    const { client, calls } = fakeClient();
    const verified = vi.fn();
    const store = createVerifyRunStore(client, { onVerified: verified });
    const request = {
      repo: 'https://apt.example.org/prod',
      keyring: { kind: 'armored' as const, text: 'KEY' },
      suite: 'bookworm',
    };
    const verifying = store.getState().verify(request);
    expect(calls[0]).toMatchObject({ channel: 'verify:repo', request });
    expect(store.getState().tag).toBeNull();
    calls[0]?.answer({ ok: true, value: sampleVerification() });
    expect(await verifying).toBe(true);
    expect(verified).not.toHaveBeenCalled();
  });

  it('keeps what QA typed in the form until the store is reset', () => {
    const { client } = fakeClient();
    const store = createVerifyRunStore(client);
    store.getState().setForm({ repo: 'https://apt.example.org/prod' });
    store.getState().setForm({ suite: 'bookworm' });
    expect(store.getState().form).toMatchObject({
      repo: 'https://apt.example.org/prod',
      suite: 'bookworm',
      useReview: true,
    });
    store.getState().reset();
    expect(store.getState().form.repo).toBe('');
  });
});
