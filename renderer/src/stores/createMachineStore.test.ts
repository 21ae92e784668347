import { describe, expect, it } from 'vitest';
import type { MachineReport } from '../../../shared/doctor';
import { createMachineStore } from './createMachineStore';
import { fakeClient } from './testing/fakeClient';

const report: MachineReport = { checkedAt: '2026-12-02T00:00:00.000Z', tools: [] };

describe('the machine store', () => {
  it('asks the engine once, however often it is told to check', async () => {
    const { client, calls } = fakeClient();
    const store = createMachineStore(client);
    const first = store.getState().checkOnce();
    void store.getState().checkOnce();
    expect(calls.map((call) => call.channel)).toEqual(['machine:check']);
    calls[0]?.answer({ ok: true, value: report });
    await first;
    expect(store.getState().report).toEqual(report);
  });

  it('stays empty while the engine does not answer', () => {
    const { client } = fakeClient();
    const store = createMachineStore(client);
    void store.getState().checkOnce();
    expect(store.getState()).toMatchObject({ report: null, error: null });
  });

  it('keeps the error when the check itself fails, and claims nothing about the machine', async () => {
    const { client, calls } = fakeClient();
    const store = createMachineStore(client);
    const done = store.getState().checkOnce();
    const error = { code: 'INTERNAL', message: 'boom' };
    calls[0]?.answer({ ok: false, error });
    await done;
    expect(store.getState()).toMatchObject({ report: null, error });
  });
});
