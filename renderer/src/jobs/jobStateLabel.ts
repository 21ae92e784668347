import type { JobState } from '../../../shared/jobs';

export const JOB_STATE_LABEL: Record<JobState, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
