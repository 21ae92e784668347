import type { StepId } from '../steps/stepCatalog';
import { STEPS } from '../steps/stepCatalog';

/*
 * What a reload keeps of the walk: the release chosen last (per project, kept
 * across windows) and the step shown (per tab). Storage may be refused (a
 * private window, a full quota): the walk then simply starts afresh.
 */

const releaseKey = (projectId: string) => `countersign:release:${projectId}`;
const stepKey = (projectId: string) => `countersign:step:${projectId}`;

function read(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null;
  }
}

function write(storage: () => Storage, key: string, value: string): void {
  try {
    storage().setItem(key, value);
  } catch {
    // Not kept: the next window starts on the newest release instead.
  }
}

export const rememberedRelease = (projectId: string) =>
  read(() => localStorage, releaseKey(projectId));
export const rememberRelease = (projectId: string, tag: string) =>
  write(() => localStorage, releaseKey(projectId), tag);

export function rememberedStep(projectId: string): StepId | null {
  const step = read(() => sessionStorage, stepKey(projectId));
  return STEPS.find((candidate) => candidate.id === step)?.id ?? null;
}
export const rememberStep = (projectId: string, step: StepId) =>
  write(() => sessionStorage, stepKey(projectId), step);
