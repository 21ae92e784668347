import { create } from 'zustand';
import type { CountersignClient } from '../../../shared/api';
import type { MachineReport } from '../../../shared/doctor';
import type { AppError } from '../../../shared/errors';

export interface MachineState {
  /** What this machine can do, once the engine has answered; null until then. */
  report: MachineReport | null;
  /** Why the check itself failed (the steps then say nothing rather than guess). */
  error: AppError | null;
  /** Asks the engine once per window; later calls keep the first answer. */
  checkOnce: () => Promise<void>;
}

/**
 * The machine the engine runs on: which tools it has, asked once when the
 * window starts (`machine:check`, no project needed). Built from a client so
 * tests can hand it a fake engine; an engine that never answers leaves it empty.
 */
export function createMachineStore(client: CountersignClient) {
  let asked = false;
  return create<MachineState>()((set) => ({
    report: null,
    error: null,
    async checkOnce() {
      if (asked) return;
      asked = true;
      const outcome = await client.invoke('machine:check', {});
      if (outcome.ok) set({ report: outcome.value, error: null });
      else set({ error: outcome.error });
    },
  }));
}
