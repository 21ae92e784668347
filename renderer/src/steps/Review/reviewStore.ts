import { activeTransport } from '../../transport/activeTransport';
import { createReviewStore } from './createReviewStore';
import { followJobEvents, useJobsStore } from '../../stores/jobsStore';

/** The one review store of this window. */
export const useReviewStore = createReviewStore(activeTransport.client, {
  findRunningJob(title) {
    const { jobs, order } = useJobsStore.getState();
    const job = order
      .map((id) => jobs[id])
      .find(
        (candidate) =>
          candidate?.kind === 'diffoscope' &&
          candidate.state === 'running' &&
          candidate.title === title,
      );
    return job ? { jobId: job.jobId, phase: job.phase, progress: job.progress } : null;
  },
});

// Followed once, at module scope, from the window's single job-event subscription.
followJobEvents((event) => useReviewStore.getState().receiveJobEvent(event));
