import type { RequestOf, ResponseOf } from '../../../shared/api';
import { CountersignError } from '../../../shared/errors';
import type { JobRegistry } from '../jobs/jobRegistry';
import type { LoadedProject } from '../project/projectStore';

type ReviewChannel =
  | 'review:open'
  | 'review:runReport'
  | 'review:diffPage'
  | 'review:memberDiff'
  | 'review:decide'
  | 'review:summary';

export type ReviewApi = {
  [C in ReviewChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>>;
};

/** Step 4 for the UI (filled in as the review engine lands). */
export function createReviewApi(open: () => Promise<LoadedProject>, jobs: JobRegistry): ReviewApi {
  void open;
  void jobs;
  const notYet = () => Promise.reject(new CountersignError('REPORT_NOT_READY', 'Not wired yet.'));
  return {
    'review:open': notYet,
    'review:runReport': notYet,
    'review:diffPage': notYet,
    'review:memberDiff': notYet,
    'review:decide': notYet,
    'review:summary': notYet,
  };
}
