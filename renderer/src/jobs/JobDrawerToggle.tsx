import { DRAWER_SHORTCUT_ARIA, DRAWER_SHORTCUT_LABEL } from './useDrawerShortcut';
import { countRunning, useJobsStore } from '../stores/jobsStore';
import { useUiStore } from '../stores/uiStore';
import { JOB_DRAWER_ID } from './JobDrawer';

/** Opens and closes the job drawer; shows how many jobs are running. */
export function JobDrawerToggle() {
  const open = useUiStore((state) => state.drawerOpen);
  const toggleDrawer = useUiStore((state) => state.toggleDrawer);
  const running = useJobsStore(countRunning);

  return (
    <button
      type="button"
      className="button drawer-toggle"
      aria-expanded={open}
      aria-controls={JOB_DRAWER_ID}
      aria-keyshortcuts={DRAWER_SHORTCUT_ARIA}
      title={`${open ? 'Hide' : 'Show'} jobs and logs (${DRAWER_SHORTCUT_LABEL})`}
      data-testid="job-drawer-toggle"
      onClick={toggleDrawer}
    >
      <span>{open ? 'Hide jobs' : 'Jobs'}</span>
      {running > 0 ? <span className="drawer-toggle__badge">{running} running</span> : null}
      <kbd className="drawer-toggle__kbd">{DRAWER_SHORTCUT_LABEL}</kbd>
    </button>
  );
}
