import type { JobProgress, JobState } from '../../../../shared/jobs';

/** The phases a rebuild job reports, in order (see electron/core/rebuild/rebuildRelease.ts). */
export const REBUILD_PHASES = ['prepare image', 'install build deps', 'build', 'collect'] as const;

export type PhaseState = 'done' | 'current' | 'pending' | 'failed' | 'stopped';

export interface PhaseView {
  name: string;
  state: PhaseState;
}

/** Where a phase name falls: -1 before the first ("starting"), the count after the last ("done"). */
export function phaseIndex(phase: string | null): number {
  if (phase === null || phase === 'starting') return -1;
  if (phase === 'done') return REBUILD_PHASES.length;
  const index = (REBUILD_PHASES as readonly string[]).indexOf(phase);
  return index === -1 ? -1 : index;
}

/**
 * Which build of the run an event belongs to: a reproducibility check builds
 * twice, and the second build starts the phases over, so a phase earlier than
 * the last one seen means the next build began.
 */
export function nextBuildNumber(
  previousPhase: string | null,
  phase: string,
  build: number,
): number {
  const before = phaseIndex(previousPhase);
  const now = phaseIndex(phase);
  return now >= 0 && before > now ? build + 1 : build;
}

/** The four phases of the current build, each done, current, pending, or where it stopped. */
export function phaseViews(phase: string | null, state: JobState | null): PhaseView[] {
  const current = phaseIndex(phase);
  return REBUILD_PHASES.map((name, index) => {
    if (index < current) return { name, state: 'done' };
    if (index > current) return { name, state: 'pending' };
    if (state === 'failed') return { name, state: 'failed' };
    if (state === 'cancelled') return { name, state: 'stopped' };
    return { name, state: state === 'succeeded' ? 'done' : 'current' };
  });
}

/** Progress over the whole run, counting both builds of a reproducibility check. */
export function overallProgress(
  progress: JobProgress | null,
  build: number,
  builds: number,
): JobProgress | null {
  if (!progress) return null;
  const perBuild = Math.max(progress.total, 1);
  return {
    done: (build - 1) * perBuild + Math.min(progress.done, perBuild),
    total: builds * perBuild,
    unit: progress.unit,
  };
}
