import { describe, expect, it } from 'vitest';
import { fakeClient } from '../../stores/testing/fakeClient';
import { createPromoteStore } from './createPromoteStore';
import { samplePlan, sampleResult } from './testing/samplePlan';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createPromoteStore', () => {
  it('plans again once a publication changed apt-prod, the plan and the run each following its own job', async () => {
    const { client, calls } = fakeClient();
    const store = createPromoteStore(client);
    const planning = store.getState().planning.openTag('v1.0.0');
    calls[0]?.answer({ ok: true, value: samplePlan() });
    await planning;
    const request = store.getState().planning.planRequest!;

    const publishing = store.getState().publication.publish({
      ...request,
      packages: ['hello'],
      passphrase: 'secret',
      planDigest: 'e'.repeat(64),
    });
    expect(store.getState().publication.running).toBe(true);
    expect(store.getState().planning.running).toBe(false);
    calls[1]?.answer({ ok: true, value: sampleResult() });
    expect(await publishing).toBe(true);
    await flush();

    expect(calls.map((call) => call.channel)).toEqual([
      'promote:plan',
      'promote:run',
      'promote:plan',
    ]);
    expect(store.getState().planning.running).toBe(true);
    expect(store.getState().publication.result).not.toBeNull();
  });

  it('does not plan again when the publication was refused', async () => {
    const { client, calls } = fakeClient();
    const store = createPromoteStore(client);
    const publishing = store.getState().publication.publish({
      tag: 'v1.0.0',
      packages: ['hello'],
      passphrase: 'wrong',
      planDigest: 'e'.repeat(64),
    });
    calls[0]?.answer({
      ok: false,
      error: { code: 'WRONG_PASSPHRASE', message: 'The passphrase does not unlock the key.' },
    });
    expect(await publishing).toBe(false);
    await flush();
    expect(calls).toHaveLength(1);
  });
});
