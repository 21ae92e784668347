import type { CompareResult } from '../../../shared/compare';
import { CountersignError } from '../../../shared/errors';
import type { JobReporter } from '../jobs/jobRegistry';
import type { LoadedProject } from '../project/projectStore';

/** Step 3 for the UI: the project's CI source against the release's rebuild. */
export function compareRelease(
  project: LoadedProject,
  tag: string,
  options: { packages: string[] },
  report: JobReporter,
): Promise<CompareResult> {
  void project;
  void tag;
  void options;
  void report;
  return Promise.reject(new CountersignError('NO_CI_SOURCE', 'Not wired yet.'));
}
