import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../../../shared/jobs';
import { sampleCandidate, sampleKey, samplePlan } from './testing/samplePlan';
import { planIsCurrent } from './planningSlice';
import { createPromotePlanStore } from './testing/sliceStores';
import { fakeClient } from '../../stores/testing/fakeClient';

const JOB = '3f2a1b0c-4d5e-4f60-8a7b-9c0d1e2f3a4b';

function event(overrides: Partial<JobEvent> = {}): JobEvent {
  return {
    jobId: JOB,
    kind: 'promote-plan',
    title: 'Plan the promotion of v1.0.0',
    phase: 'starting',
    progress: null,
    state: 'running',
    at: '2026-02-01T10:00:00.000Z',
    ...overrides,
  };
}

const twoPackages = samplePlan({
  candidates: [
    sampleCandidate('hello'),
    sampleCandidate('hello-doc'),
    sampleCandidate('ci-extra', {
      selected: false,
      comparison: 'only-ci',
      refusals: [{ code: 'NOT_REBUILT', message: 'The rebuild did not make this package.' }],
    }),
  ],
});

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createPromotePlanStore', () => {
  it('plans a tag with the engine’s default selection, following only its own job', async () => {
    const { client, calls } = fakeClient();
    const store = createPromotePlanStore(client);
    const planning = store.getState().openTag('v1.0.0');
    expect(calls[0]).toMatchObject({ channel: 'promote:plan', request: { tag: 'v1.0.0' } });
    expect(calls[0]?.request).toEqual({ tag: 'v1.0.0' });
    expect(store.getState()).toMatchObject({ tag: 'v1.0.0', running: true, plan: null });

    store.getState().receiveJobEvent(event({ kind: 'promote', jobId: 'other', phase: 'pool' }));
    store
      .getState()
      .receiveJobEvent(
        event({ phase: 'hash apt-test', progress: { done: 1, total: 4, unit: 'steps' } }),
      );
    expect(store.getState()).toMatchObject({ jobId: JOB, phase: 'hash apt-test' });

    calls[0]?.answer({ ok: true, value: twoPackages });
    await planning;
    expect(store.getState()).toMatchObject({
      running: false,
      jobState: 'succeeded',
      planRequest: { tag: 'v1.0.0' },
      selection: null,
    });
    expect(store.getState().plan?.planDigest).toBe(twoPackages.planDigest);
    expect(planIsCurrent(store.getState())).toBe(true);
  });

  it('plans again when the selection changes, one plan at a time, the latest choice winning', async () => {
    const { client, calls } = fakeClient();
    const store = createPromotePlanStore(client);
    const first = store.getState().openTag('v1.0.0');
    calls[0]?.answer({ ok: true, value: twoPackages });
    await first;

    store.getState().setPackageSelected('hello-doc', false);
    expect(store.getState().selection).toEqual(['hello']);
    expect(calls[1]?.request).toEqual({ tag: 'v1.0.0', packages: ['hello'] });
    expect(planIsCurrent(store.getState())).toBe(false);

    // Two more changes while that plan is made: one more plan, for the last choice only.
    store.getState().setPackageSelected('ci-extra', true);
    store.getState().setAllowDowngrade(true);
    expect(calls).toHaveLength(2);
    calls[1]?.answer({ ok: true, value: samplePlan({ planDigest: '1'.repeat(64) }) });
    await flush();
    expect(calls[2]?.request).toEqual({
      tag: 'v1.0.0',
      packages: ['ci-extra', 'hello'],
      allowDowngrade: true,
    });
    // The older plan is shown meanwhile, but not as current.
    expect(store.getState().plan?.planDigest).toBe('1'.repeat(64));
    expect(planIsCurrent(store.getState())).toBe(false);

    calls[2]?.answer({ ok: true, value: samplePlan({ planDigest: '2'.repeat(64) }) });
    await flush();
    expect(calls).toHaveLength(3);
    expect(store.getState().planRequest).toEqual(calls[2]?.request);
    expect(planIsCurrent(store.getState())).toBe(true);
  });

  it('does not plan twice for the same choices while a plan is being made', async () => {
    const { client, calls } = fakeClient();
    const store = createPromotePlanStore(client);
    const first = store.getState().openTag('v1.0.0');
    void store.getState().openTag('v1.0.0');
    void store.getState().replan();
    calls[0]?.answer({ ok: true, value: twoPackages });
    await first;
    await flush();
    expect(calls).toHaveLength(1);
  });

  it('starts another tag from the engine’s default, dropping the old tag’s answer', async () => {
    const { client, calls } = fakeClient();
    const store = createPromotePlanStore(client);
    const first = store.getState().openTag('v1.0.0');
    calls[0]?.answer({ ok: true, value: twoPackages });
    await first;
    store.getState().setPackageSelected('hello', false);

    const other = store.getState().openTag('v2.0.0');
    expect(store.getState()).toMatchObject({ tag: 'v2.0.0', plan: null, selection: null });
    expect(calls[2]?.request).toEqual({ tag: 'v2.0.0' });
    calls[1]?.answer({ ok: true, value: samplePlan({ planDigest: '9'.repeat(64) }) });
    calls[2]?.answer({ ok: true, value: samplePlan({ tag: 'v2.0.0' }) });
    await other;
    await flush();
    expect(store.getState().plan?.tag).toBe('v2.0.0');
    expect(calls).toHaveLength(3);
  });

  it('keeps a planning error as data, beside the plan it does not replace', async () => {
    const { client, calls } = fakeClient();
    const store = createPromotePlanStore(client);
    const first = store.getState().openTag('v1.0.0');
    calls[0]?.answer({ ok: true, value: twoPackages });
    await first;
    const again = store.getState().replan();
    calls[1]?.answer({
      ok: false,
      error: {
        code: 'NO_COMPARISON',
        message: 'v1.0.0 has not been compared.',
        hint: 'Compare the artifacts first.',
      },
    });
    await again;
    expect(store.getState()).toMatchObject({
      running: false,
      jobState: 'failed',
      error: { code: 'NO_COMPARISON', hint: 'Compare the artifacts first.' },
    });
    expect(store.getState().plan).toBe(twoPackages);
    store.getState().dismissError();
    expect(store.getState().error).toBeNull();
  });

  it('imports the release key without keeping it, then plans again', async () => {
    const { client, calls } = fakeClient();
    const store = createPromotePlanStore(client);
    const first = store.getState().openTag('v1.0.0');
    calls[0]?.answer({ ok: true, value: samplePlan({ signer: null, canPromote: false }) });
    await first;

    const armored = '-----BEGIN PGP PRIVATE KEY BLOCK-----\nsecret\n';
    const importing = store.getState().importKey(armored, false);
    expect(calls[1]).toMatchObject({
      channel: 'signing:importKey',
      request: { key: armored, allowUnprotected: false },
    });
    expect(store.getState().importingKey).toBe(true);
    calls[1]?.answer({ ok: true, value: sampleKey() });
    expect(await importing).toBe(true);
    expect(store.getState()).toMatchObject({ importingKey: false, keyError: null });
    expect(store.getState().importedKey?.signingKey.fingerprint).toBe('B'.repeat(40));
    expect(JSON.stringify(store.getState())).not.toContain('secret');
    expect(calls[2]).toMatchObject({ channel: 'promote:plan', request: { tag: 'v1.0.0' } });
  });

  it('shows the engine’s refusal of a key and plans nothing', async () => {
    const { client, calls } = fakeClient();
    const store = createPromotePlanStore(client);
    const importing = store.getState().importKey('-----BEGIN PGP PRIVATE KEY BLOCK-----', false);
    calls[0]?.answer({
      ok: false,
      error: {
        code: 'KEY_UNPROTECTED',
        message: 'This key has no passphrase.',
        hint: 'Protect it with gpg --edit-key, or allow an unprotected key.',
      },
    });
    expect(await importing).toBe(false);
    expect(store.getState()).toMatchObject({
      importingKey: false,
      importedKey: null,
      keyError: { code: 'KEY_UNPROTECTED' },
    });
    expect(calls).toHaveLength(1);
    store.getState().dismissKeyError();
    expect(store.getState().keyError).toBeNull();
  });

  it('resets to nothing planned and ignores answers that arrive afterwards', async () => {
    const { client, calls } = fakeClient();
    const store = createPromotePlanStore(client);
    const planning = store.getState().openTag('v1.0.0');
    store.getState().reset();
    calls[0]?.answer({ ok: true, value: twoPackages });
    await planning;
    expect(store.getState()).toMatchObject({ tag: null, plan: null, running: false });
  });
});
