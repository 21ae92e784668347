import { describe, expect, it } from 'vitest';
import type { ProjectSummary } from '../../../shared/project';
import type { TagVerdict } from '../../../shared/tags';
import { createReleaseStore, releaseTagOf } from './createReleaseStore';
import { fakeClient } from './testing/fakeClient';

const project: ProjectSummary = {
  id: 'countersign-hello-1a2b3c4d',
  name: 'countersign-hello',
  projectFile: '/demo/project.json',
  repoPath: '/demo/source',
  trustedSigners: [],
  tags: [{ name: 'v1.0.0', annotated: true }],
  rebuild: null,
  ci: null,
  aptProd: null,
  releaseKey: null,
};

const verdict = (tagName: string): TagVerdict => ({
  verdict: 'verified',
  tagName,
  tagObject: 'a'.repeat(40),
  taggedObject: { sha: 'b'.repeat(40), type: 'commit' },
  commit: 'b'.repeat(40),
  tagHeaderName: tagName,
  tagger: null,
  message: '',
  signature: { format: 'openpgp', issuerKeyId: null, createdAt: null, hashAlgorithm: null },
  signer: null,
  problems: [],
  notes: [],
  checkedAt: '2026-02-01T10:00:00.000Z',
});

describe('createReleaseStore', () => {
  it('loads the project, or keeps the error to show', async () => {
    const { client, calls } = fakeClient();
    const store = createReleaseStore(client);
    const loading = store.getState().loadProject();
    expect(store.getState().projectLoading).toBe(true);
    calls[0]?.answer({ ok: false, error: { code: 'NO_PROJECT', message: 'No project is open.' } });
    await loading;
    expect(store.getState().errors.project?.code).toBe('NO_PROJECT');

    const again = store.getState().loadProject();
    expect(store.getState().errors.project).toBeNull();
    calls[1]?.answer({ ok: true, value: project });
    await again;
    expect(store.getState().project?.name).toBe('countersign-hello');
  });

  it('sends the typed tag and commit, trimmed and in the contract’s case', async () => {
    const { client, calls } = fakeClient();
    const store = createReleaseStore(client);
    store.getState().selectTag(' v1.0.0 ');
    store.getState().setExpectedCommit(` ${'ABCDEF0123'.repeat(4)} `);
    const verifying = store.getState().verifySelectedTag();
    expect(calls[0]?.request).toEqual({ tag: 'v1.0.0', expectCommit: 'abcdef0123'.repeat(4) });
    calls[0]?.answer({ ok: true, value: verdict('v1.0.0') });
    await verifying;
    expect(store.getState().verdict?.tagName).toBe('v1.0.0');
    expect(store.getState().verifying).toBe(false);
  });

  it('shows only the latest verification when answers arrive out of order', async () => {
    const { client, calls } = fakeClient();
    const store = createReleaseStore(client);
    store.getState().selectTag('v1');
    const first = store.getState().verifySelectedTag();
    store.getState().selectTag('v2');
    const second = store.getState().verifySelectedTag();
    calls[1]?.answer({ ok: true, value: verdict('v2') });
    calls[0]?.answer({ ok: true, value: verdict('v1') });
    await Promise.all([first, second]);
    expect(store.getState().verdict?.tagName).toBe('v2');
  });

  it('replaces the project with the engine’s answer after importing a key', async () => {
    const { client, calls } = fakeClient();
    const store = createReleaseStore(client);
    const importing = store.getState().importSigner('-----BEGIN PGP PUBLIC KEY BLOCK-----');
    expect(store.getState().signersBusy).toBe(true);
    calls[0]?.answer({ ok: true, value: project });
    expect(await importing).toBe(true);
    expect(store.getState().project).toEqual(project);
    expect(store.getState().signersBusy).toBe(false);
  });

  it('keeps each tag’s verdict: a refused tag leaves the verified release open', async () => {
    const { client, calls } = fakeClient();
    const store = createReleaseStore(client);
    store.getState().selectTag('v1.0.0');
    const first = store.getState().verifySelectedTag();
    calls[0]?.answer({ ok: true, value: verdict('v1.0.0') });
    await first;
    expect(releaseTagOf(store.getState())).toBe('v1.0.0');

    store.getState().selectTag('v6.6.6-evil');
    const second = store.getState().verifySelectedTag();
    calls[1]?.answer({ ok: true, value: { ...verdict('v6.6.6-evil'), verdict: 'refused' } });
    await second;
    expect(store.getState().verdict?.verdict).toBe('refused');
    expect(releaseTagOf(store.getState())).toBe('v1.0.0');

    // Choosing the verified tag again shows its own verdict, not the refused one.
    store.getState().selectTag('v1.0.0');
    expect(store.getState().verdict).toMatchObject({ tagName: 'v1.0.0', verdict: 'verified' });
  });

  it('opens a release whose verification its audit log records, until a fresh verdict refuses it', async () => {
    const { client, calls } = fakeClient();
    const store = createReleaseStore(client);
    store.getState().recordVerifiedTags({ 'v1.0.0': '2026-02-01T10:00:00.000Z' });
    store.getState().selectTag('v1.0.0');
    expect(releaseTagOf(store.getState())).toBe('v1.0.0');
    expect(store.getState().verdict).toBeNull();

    const again = store.getState().verifySelectedTag();
    calls[0]?.answer({ ok: true, value: { ...verdict('v1.0.0'), verdict: 'refused' } });
    await again;
    expect(releaseTagOf(store.getState())).toBeNull();

    store.getState().forgetTags();
    expect(store.getState()).toMatchObject({ verdicts: {}, recordedVerified: {}, activeTag: null });
  });
});
