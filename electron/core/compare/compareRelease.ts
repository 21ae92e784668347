import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CompareResult } from '../../../shared/compare';
import { CountersignError } from '../../../shared/errors';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import { reviewFolder } from '../lib/project/countersignHome';
import type { LoadedProject } from '../lib/project/projectStore';
import { appendAuditEntry } from '../audit/auditLog';
import { repositoryKeysOf, resolveSourceLocation, sourceKindOf } from './ciSourceSetup';
import { saveComparison } from '../lib/reviewFolder/compareStore';
import { compareSources } from './compareSources';

/** The project's CI source with a relative path made absolute (beside project.json). */
export function ciLocationOf(project: LoadedProject): string {
  const ci = project.config.ci;
  if (!ci) {
    throw new CountersignError(
      'NO_CI_SOURCE',
      `The project ${project.config.name} does not say where CI's artifacts are.`,
      'Add "ci": { "source": "apt:PATH-OR-URL" | "FOLDER" | "ARCHIVE" } to project.json.',
    );
  }
  const base = dirname(project.file);
  return sourceKindOf(ci.source) === 'apt'
    ? `apt:${resolveSourceLocation(ci.source.slice('apt:'.length), base)}`
    : resolveSourceLocation(ci.source, base);
}

/**
 * Saves a comparison in the release's review folder and records it in the
 * audit log, bound to the saved file by its hash.
 */
export async function recordComparison(reviewDir: string, result: CompareResult): Promise<string> {
  const saved = await saveComparison(reviewDir, result);
  await appendAuditEntry(reviewDir, 'compare', {
    ci: result.ci.location,
    local: result.local.location,
    signedBy: result.ci.repository?.signedBy ?? [],
    summary: result.summary,
    identical: result.identical,
    file: 'compare.json',
    sha256: saved.sha256,
  });
  return saved.path;
}

/**
 * Step 3 for a release: the project's CI source against the release's local
 * rebuild (step 2's output), saved in the review folder and the audit log.
 */
export async function compareRelease(
  project: LoadedProject,
  tag: string,
  options: { packages: string[] },
  report: JobReporter,
): Promise<CompareResult> {
  const ci = ciLocationOf(project);
  const reviewDir = reviewFolder(project.config.name, tag);
  const local = join(reviewDir, 'rebuild');
  if (!(await stat(join(local, 'buildinfo.json')).catch(() => null))) {
    throw new CountersignError(
      'NO_REBUILD',
      `${tag} has not been rebuilt yet, so there is nothing to compare CI's artifacts with.`,
      'Run step 2 (Rebuild) first.',
    );
  }
  const config = project.config.ci;
  const result = await compareSources(ci, local, {
    apt: {
      trustedKeys: await repositoryKeysOf(project),
      ...(config?.suite ? { suite: config.suite } : {}),
      ...(config?.component ? { component: config.component } : {}),
      ...(config?.architecture ? { architecture: config.architecture } : {}),
    },
    packages: options.packages,
    downloadDir: join(reviewDir, 'ci-packages'),
    report,
  });
  await recordComparison(reviewDir, result);
  report.log(
    `${result.summary.identical} identical, ${result.summary.differs} differ, ${result.summary.onlyCi} only in CI, ${result.summary.onlyLocal} only local`,
  );
  return result;
}
