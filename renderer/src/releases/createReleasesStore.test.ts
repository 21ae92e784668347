import { describe, expect, it } from 'vitest';
import type { ReleasesOverview } from '../../../shared/releases';
import { fakeClient } from '../stores/testing/fakeClient';
import { createReleasesStore } from './createReleasesStore';

const overview = (name: string): ReleasesOverview => ({
  project: { id: `${name}-id`, name },
  releases: [],
});

describe('the releases store', () => {
  it('asks the engine for the open project’s releases and keeps its answer', async () => {
    const { client, calls } = fakeClient();
    const store = createReleasesStore(client);
    const loading = store.getState().load();
    expect(calls.map(({ channel, request }) => [channel, request])).toEqual([
      ['releases:list', {}],
    ]);
    expect(store.getState().loading).toBe(true);
    calls[0]?.answer({ ok: true, value: overview('hello') });
    await loading;
    expect(store.getState()).toMatchObject({ loading: false, overview: overview('hello') });
  });

  it('keeps only the latest answer when an older one comes last', async () => {
    const { client, calls } = fakeClient();
    const store = createReleasesStore(client);
    const first = store.getState().load();
    const second = store.getState().load();
    calls[1]?.answer({ ok: true, value: overview('new') });
    await second;
    calls[0]?.answer({ ok: true, value: overview('old') });
    await first;
    expect(store.getState().overview?.project.name).toBe('new');
  });

  it('keeps the error and the last overview when the engine refuses', async () => {
    const { client, calls } = fakeClient();
    const store = createReleasesStore(client);
    store.setState({ overview: overview('hello') });
    const loading = store.getState().load();
    const error = { code: 'PROJECT_NOT_OPEN', message: 'No project is open.' };
    calls[0]?.answer({ ok: false, error });
    await loading;
    expect(store.getState()).toMatchObject({ loading: false, error, overview: overview('hello') });
  });

  it('shows, hides and toggles the overview', () => {
    const store = createReleasesStore(fakeClient().client);
    store.getState().show();
    expect(store.getState().shown).toBe(true);
    store.getState().toggle();
    expect(store.getState().shown).toBe(false);
    store.getState().toggle();
    store.getState().close();
    expect(store.getState().shown).toBe(false);
  });
});
