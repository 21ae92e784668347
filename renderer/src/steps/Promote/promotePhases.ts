import type { JobState } from '../../../../shared/jobs';

/** The phases of a publication that write, in order (after the plan is checked again). */
export const PROMOTE_PHASES = [
  { name: 'pool', label: 'Copy the packages into the pool' },
  { name: 'indexes', label: 'Write the Packages indexes and the Release' },
  { name: 'sign', label: 'Sign the Release (InRelease, Release.gpg)' },
  { name: 'switch', label: 'Switch apt-prod to the new publication' },
  { name: 'cleanup', label: 'Clean up' },
] as const;

export type PromotePhaseState = 'done' | 'current' | 'waiting' | 'failed' | 'stopped';

/**
 * Where each phase stands given the job's current phase and state. Phases the
 * list does not name (checking the plan again) come before the first; "done"
 * after the last.
 */
export function promotePhaseStates(
  phase: string | null,
  jobState: JobState | null,
): { name: string; label: string; state: PromotePhaseState }[] {
  const names: readonly string[] = PROMOTE_PHASES.map((item) => item.name);
  const reached =
    phase === 'done' || jobState === 'succeeded' ? names.length : names.indexOf(phase ?? '');
  const ending: PromotePhaseState =
    jobState === 'failed' ? 'failed' : jobState === 'cancelled' ? 'stopped' : 'current';
  return PROMOTE_PHASES.map((item, index) => ({
    ...item,
    state: index < reached ? 'done' : index === reached ? ending : 'waiting',
  }));
}
