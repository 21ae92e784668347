import { describe, expect, it, vi } from 'vitest';
import type { OpenedBundleView } from '../../../shared/reviewBundle';
import { fakeClient } from '../stores/testing/fakeClient';
import { createBundleStore } from './createBundleStore';

const opened: OpenedBundleView = {
  bundleFile: '/tmp/hello.review.tar',
  reviewDir: '/home/b/.countersign/bundles/ab/hello-1234abcd/v1.0.0',
  manifestSha256: 'a'.repeat(64),
  alreadyOpen: false,
  project: { id: 'hello-1234abcd', name: 'hello' },
  tag: 'v1.0.0',
  policy: null,
  artifacts: 1,
};

const effects = () => ({ switched: vi.fn(), imported: vi.fn(() => Promise.resolve()) });

describe('the review bundle store', () => {
  it('opens a bundle in place of the project, forgetting the review shown before', async () => {
    const { client, calls } = fakeClient();
    const fx = effects();
    const store = createBundleStore(client, fx);
    const done = store.getState().open('/tmp/hello.review.tar');
    expect(store.getState().opening).toBe(true);
    expect(calls[0]).toMatchObject({
      channel: 'bundle:open',
      request: { file: '/tmp/hello.review.tar' },
    });
    calls[0]?.answer({ ok: true, value: opened });
    expect(await done).toBe(true);
    expect(store.getState()).toMatchObject({ opened, opening: false, openError: null });
    expect(fx.switched).toHaveBeenCalledOnce();
  });

  it('keeps the refusal of a hostile bundle and opens nothing', async () => {
    const { client, calls } = fakeClient();
    const fx = effects();
    const store = createBundleStore(client, fx);
    const done = store.getState().open('/tmp/evil.tar');
    const error = { code: 'BUNDLE_HOSTILE', message: 'An entry climbs out with ..' };
    calls[0]?.answer({ ok: false, error });
    expect(await done).toBe(false);
    expect(store.getState()).toMatchObject({ opened: null, openError: error });
    expect(fx.switched).not.toHaveBeenCalled();
  });

  it('imports a decisions file and has the release read again; a refusal appends nothing', async () => {
    const { client, calls } = fakeClient();
    const fx = effects();
    const store = createBundleStore(client, fx);
    const first = store.getState().importDecisions('v1.0.0', 'e30=');
    expect(calls[0]).toMatchObject({
      channel: 'review:importDecisions',
      request: { tag: 'v1.0.0', content: 'e30=' },
    });
    const result = {
      reviewer: { name: 'Ben', fingerprint: 'B'.repeat(40) },
      appended: 3,
      alreadyRecorded: 0,
    };
    calls[0]?.answer({ ok: true, value: result });
    expect(await first).toBe(true);
    expect(store.getState().imported).toEqual(result);
    expect(fx.imported).toHaveBeenCalledWith('v1.0.0');

    const second = store.getState().importDecisions('v1.0.0', 'e30=');
    const error = { code: 'DECISIONS_SIGNATURE_INVALID', message: 'changed after it was signed' };
    calls[1]?.answer({ ok: false, error });
    expect(await second).toBe(false);
    expect(store.getState()).toMatchObject({ imported: null, importError: error });
    expect(fx.imported).toHaveBeenCalledOnce();
  });
});
