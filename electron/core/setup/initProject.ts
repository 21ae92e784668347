import type { InitProjectRequest } from '../../../shared/projectSetup';
import { CountersignError } from '../../../shared/errors';
import type { JobReporter } from '../lib/jobs/jobRegistry';

export function initProject(
  _request: InitProjectRequest,
  _report: JobReporter,
): Promise<{ projectFile: string }> {
  return Promise.reject(new CountersignError('INTERNAL', 'not yet'));
}
