import { useReleaseStore } from '../stores/releaseStore';
import { useReleasesStore } from './releasesStore';

export const RELEASES_BUTTON_ID = 'releases-button';

/** In the header while a project is open: shows every release of it, or goes back to the step. */
export function ReleasesButton() {
  const open = useReleaseStore((state) => state.project !== null);
  const shown = useReleasesStore((state) => state.shown);
  const toggle = useReleasesStore((state) => state.toggle);
  if (!open) return null;
  return (
    <button
      type="button"
      id={RELEASES_BUTTON_ID}
      className="button releases-button"
      aria-pressed={shown}
      title="Every release of this project and how far it got"
      data-testid="releases-button"
      onClick={toggle}
    >
      Releases
    </button>
  );
}
