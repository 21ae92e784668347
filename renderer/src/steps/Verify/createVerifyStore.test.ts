import { describe, expect, it } from 'vitest';
import { fakeClient } from '../../stores/testing/fakeClient';
import { createVerifyStore } from './createVerifyStore';
import { sampleHistory, sampleVerification } from './testing/sampleVerification';

describe('createVerifyStore', () => {
  it('reads the release history again after each verification, which added a line to it', async () => {
    const { client, calls } = fakeClient();
    const store = createVerifyStore(client);
    const verifying = store.getState().verification.verify({ tag: 'v1.0.0' });
    calls[0]?.answer({ ok: true, value: sampleVerification() });
    expect(await verifying).toBe(true);

    expect(calls[1]).toMatchObject({ channel: 'audit:history', request: { tag: 'v1.0.0' } });
    expect(store.getState().releaseHistory).toMatchObject({ tag: 'v1.0.0', loading: true });
    calls[1]?.answer({ ok: true, value: sampleHistory() });
    await Promise.resolve();
    expect(store.getState().releaseHistory.loading).toBe(false);
    expect(store.getState().verification.result?.status).toBe('verified');
  });

  it('leaves the history alone when the check could not run', async () => {
    const { client, calls } = fakeClient();
    const store = createVerifyStore(client);
    const verifying = store.getState().verification.verify({ tag: 'v1.0.0' });
    calls[0]?.answer({
      ok: false,
      error: { code: 'NO_RELEASE_KEY', message: 'The project has no release key.' },
    });
    expect(await verifying).toBe(false);
    expect(calls).toHaveLength(1);
    expect(store.getState().releaseHistory.tag).toBeNull();
  });
});
