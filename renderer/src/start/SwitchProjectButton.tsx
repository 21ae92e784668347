import { useReleaseStore } from '../stores/releaseStore';
import { useStartStore } from './startStore';

/** In the header while a project is open: back to the start screen to open or make another. */
export function SwitchProjectButton() {
  const open = useReleaseStore((state) => state.project !== null);
  const onStart = useStartStore((state) => state.requested);
  if (!open || onStart) return null;
  return (
    <button
      type="button"
      className="button button--quiet app-header__switch"
      onClick={() => useStartStore.getState().show()}
      data-testid="switch-project"
    >
      Switch project…
    </button>
  );
}
