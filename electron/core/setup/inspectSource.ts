import type { SourceInspection } from '../../../shared/projectSetup';
import { CountersignError } from '../../../shared/errors';
import type { JobReporter } from '../lib/jobs/jobRegistry';

export function inspectSource(_source: string, _report: JobReporter): Promise<SourceInspection> {
  return Promise.reject(new CountersignError('INTERNAL', 'not yet'));
}
