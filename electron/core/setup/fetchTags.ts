import type { FetchTagsResult } from '../../../shared/projectSetup';
import { CountersignError } from '../../../shared/errors';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import type { LoadedProject } from '../lib/project/projectStore';

export function fetchProjectTags(
  _project: LoadedProject,
  _report: JobReporter,
): Promise<FetchTagsResult> {
  return Promise.reject(new CountersignError('INTERNAL', 'not yet'));
}
