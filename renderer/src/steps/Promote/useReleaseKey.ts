import type { ReleaseKeyInfo } from '../../../../shared/signing';
import { usePromoteStore } from './promoteStore';
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
  const imported = usePromoteStore((state) => state.planning.importedKey);
  const plan = usePromoteStore((state) =>
    state.planning.tag === tag ? state.planning.plan : null,
  );
  const project = useReleaseStore((state) => state.project?.releaseKey ?? null);
  const projectProblem = project?.problem
    ? [project.problem.message, project.problem.hint].filter(Boolean).join(' ')
    : null;
  return {
    info: imported ?? plan?.signer ?? project?.info ?? null,
    problem: plan ? plan.signerProblem : projectProblem,
  };
}
