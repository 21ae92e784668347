import { useReleaseStore } from '../stores/releaseStore';
import { useStartStore } from './startStore';

/** Whether the window shows the start screen: no project is open, or the user asked for it. */
export function useStartScreen(): boolean {
  const noProject = useReleaseStore((state) => state.project === null && !state.projectLoading);
  const requested = useStartStore((state) => state.requested);
  return requested || noProject;
}
