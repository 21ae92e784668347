import { useEffect } from 'react';
import { useJobsStore } from '../stores/jobsStore';
import { useUiStore } from '../stores/uiStore';
import { JobCard } from './JobCard';
import { JobFeedNotice } from './JobFeedNotice';

export const JOB_DRAWER_ID = 'job-drawer';

/** Closes the drawer and gives focus back to the button that opened it. */
function closeDrawer() {
  useUiStore.getState().setDrawerOpen(false);
  document.querySelector<HTMLElement>(`[aria-controls="${JOB_DRAWER_ID}"]`)?.focus();
}

/**
 * The side drawer with every job of this session, newest first. Escape closes
 * it wherever focus is (the drawer is not modal, so focus may be on its toggle
 * or in the step), unless something nearer already used the key.
 */
export function JobDrawer() {
  const open = useUiStore((state) => state.drawerOpen);
  const order = useJobsStore((state) => state.order);

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      closeDrawer();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [open]);

  return (
    <aside
      className="job-drawer"
      id={JOB_DRAWER_ID}
      aria-labelledby="job-drawer-title"
      hidden={!open}
      data-testid="job-drawer"
    >
      <div className="job-drawer__header">
        <h2 className="job-drawer__title" id="job-drawer-title">
          Jobs
        </h2>
        <button type="button" className="button button--quiet" onClick={closeDrawer}>
          Close
        </button>
      </div>
      <JobFeedNotice />
      <ol className="job-list" aria-live="polite" aria-relevant="additions text">
        {order.map((jobId) => (
          <JobCard key={jobId} jobId={jobId} />
        ))}
      </ol>
      {order.length === 0 ? (
        <p className="job-drawer__empty">
          No jobs yet. Verifying a tag or importing a key starts one.
        </p>
      ) : null}
    </aside>
  );
}
