import type { KeyboardEvent } from 'react';
import { useJobsStore } from '../stores/jobsStore';
import { useUiStore } from '../stores/uiStore';
import { JobCard } from './JobCard';
import { JobFeedNotice } from './JobFeedNotice';

export const JOB_DRAWER_ID = 'job-drawer';

/** The side drawer with every job of this session, newest first. Escape closes it. */
export function JobDrawer() {
  const open = useUiStore((state) => state.drawerOpen);
  const setDrawerOpen = useUiStore((state) => state.setDrawerOpen);
  const order = useJobsStore((state) => state.order);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    setDrawerOpen(false);
    document.querySelector<HTMLElement>(`[aria-controls="${JOB_DRAWER_ID}"]`)?.focus();
  };

  return (
    <aside
      className="job-drawer"
      id={JOB_DRAWER_ID}
      aria-labelledby="job-drawer-title"
      hidden={!open}
      data-testid="job-drawer"
      onKeyDown={onKeyDown}
    >
      <div className="job-drawer__header">
        <h2 className="job-drawer__title" id="job-drawer-title">
          Jobs
        </h2>
        <button type="button" className="button button--quiet" onClick={() => setDrawerOpen(false)}>
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
