import type { ReleaseKeyInfo } from '../../../../shared/signing';
import { usePromotePlanStore } from './promoteStore';
import { useReleaseStore } from '../../stores/releaseStore';

export interface ReleaseKeyView {
  info: ReleaseKeyInfo | null;
  /** Why it cannot sign now (expired since it was imported…), in the engine's words. */
  problem: string | null;
}

/**
 * The project's release key, newest word first: the key imported in this
 * window, else the plan's signer, else what the project said when it opened.
 */
export function useReleaseKey(tag: string): ReleaseKeyView {
  const imported = usePromotePlanStore((state) => state.importedKey);
  const plan = usePromotePlanStore((state) => (state.tag === tag ? state.plan : null));
  const project = useReleaseStore((state) => state.project?.releaseKey ?? null);
  const projectProblem = project?.problem
    ? [project.problem.message, project.problem.hint].filter(Boolean).join(' ')
    : null;
  return {
    info: imported ?? plan?.signer ?? project?.info ?? null,
    problem: plan ? plan.signerProblem : projectProblem,
  };
}
