import { describe, expect, it } from 'vitest';
import { sampleHistory } from './testing/sampleVerification';
import { fakeClient } from '../../stores/testing/fakeClient';
import { createVerifyHistoryStore } from './testing/sliceStores';

describe('createVerifyHistoryStore', () => {
  it('reads the release history: timeline, chain and signed head', async () => {
    const { client, calls } = fakeClient();
    const store = createVerifyHistoryStore(client);
    const loading = store.getState().load('v1.0.0');
    expect(calls[0]).toMatchObject({ channel: 'audit:history', request: { tag: 'v1.0.0' } });
    expect(store.getState()).toMatchObject({ loading: true, tag: 'v1.0.0', history: null });
    calls[0]?.answer({ ok: true, value: sampleHistory() });
    await loading;
    expect(store.getState().loading).toBe(false);
    expect(store.getState().history?.items.map((item) => item.kind)).toEqual([
      'tag-verified',
      'promotion',
      'verification',
    ]);
  });

  it('keeps the history shown while it is read again for the same tag, not for another', async () => {
    const { client, calls } = fakeClient();
    const store = createVerifyHistoryStore(client);
    const first = store.getState().load('v1.0.0');
    calls[0]?.answer({ ok: true, value: sampleHistory() });
    await first;
    void store.getState().load('v1.0.0');
    expect(store.getState().history).not.toBeNull();
    void store.getState().load('v2.0.0');
    expect(store.getState()).toMatchObject({ tag: 'v2.0.0', history: null });
  });

  it('keeps only the answer to the last request', async () => {
    const { client, calls } = fakeClient();
    const store = createVerifyHistoryStore(client);
    const older = store.getState().load('v1.0.0');
    const newer = store.getState().load('v2.0.0');
    calls[1]?.answer({ ok: true, value: sampleHistory({ items: [] }) });
    await newer;
    calls[0]?.answer({ ok: true, value: sampleHistory() });
    await older;
    expect(store.getState()).toMatchObject({ tag: 'v2.0.0', history: { items: [] } });
  });

  it('keeps a refusal as an error to show', async () => {
    const { client, calls } = fakeClient();
    const store = createVerifyHistoryStore(client);
    const loading = store.getState().load('v1.0.0');
    calls[0]?.answer({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No review for this release.' },
    });
    await loading;
    expect(store.getState()).toMatchObject({ loading: false, error: { code: 'NOT_FOUND' } });
    store.getState().dismissError();
    expect(store.getState().error).toBeNull();
  });
});
