import { useJobsStore } from '../stores/jobsStore';

/** Says when live job updates may be missing, so an idle log is not mistaken for an idle job. */
export function JobFeedNotice() {
  const feed = useJobsStore((state) => state.feed);
  if (feed === 'live' || feed === 'connecting') return null;
  return (
    <p className="job-drawer__notice" data-testid="job-feed-notice">
      {feed === 'reconnecting'
        ? 'Live updates were interrupted; reconnecting…'
        : 'Live job updates are unavailable. Results still appear in each step.'}
    </p>
  );
}
