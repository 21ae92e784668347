import { useReleaseStore } from '../stores/releaseStore';
import { useStartStore } from './startStore';

/**
 * Whether the window shows the start screen: no project is open, or the user
 * asked for it. Not while asking which project is open failed: then the
 * engine is out of reach, and the window says only that, with "Try again".
 */
export function useStartScreen(): boolean {
  const noProject = useReleaseStore(
    (state) => state.project === null && !state.projectLoading && state.errors.project === null,
  );
  const requested = useStartStore((state) => state.requested);
  return requested || noProject;
}
