import type { CiInspection, CiSetup } from '../../../shared/projectSetup';
import { CountersignError } from '../../../shared/errors';
import type { JobReporter } from '../lib/jobs/jobRegistry';

export function checkCiSource(
  _ci: CiSetup,
  _base: string,
  _report: JobReporter,
): Promise<CiInspection> {
  return Promise.reject(new CountersignError('INTERNAL', 'not yet'));
}
