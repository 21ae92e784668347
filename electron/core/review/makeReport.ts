import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import { explainedTree } from '../lib/diffoscope/explainedTree';
import { runDiffoscope } from '../lib/diffoscope/runDiffoscope';
import { sha256File } from '../lib/fs/sha256File';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import type { ArtifactFiles } from '../lib/reviewFolder/artifactFiles';
import {
  clearReport,
  RAW_REPORT,
  reportFolder,
  saveReportTree,
  type SavedReport,
} from '../lib/reviewFolder/reportStore';
import type { ReviewTarget } from './reviewTarget';

/**
 * Runs diffoscope on one artifact pair and keeps its report: the raw JSON,
 * its tree (with the differences Countersign can explain marked), and the
 * report's hash, which every decision on it is bound to.
 */
export async function makeReport(
  target: ReviewTarget,
  files: ArtifactFiles,
  options: { timeLimitSeconds?: number; report: JobReporter },
): Promise<SavedReport> {
  const folder = reportFolder(target.reviewDir, target.row.key);
  await mkdir(folder, { recursive: true });
  await clearReport(folder);
  options.report.phase('diffoscope', { done: 0, total: 2, unit: 'steps' });
  const run = await runDiffoscope(files.ci, files.local, {
    reportFile: join(folder, RAW_REPORT),
    ...(options.timeLimitSeconds ? { timeLimitSeconds: options.timeLimitSeconds } : {}),
    ...(options.report.signal ? { signal: options.report.signal } : {}),
    onStderr: (line) => options.report.log(line),
  });
  options.report.phase('read report', { done: 1, total: 2, unit: 'steps' });
  if (!run.reportFile) {
    throw new CountersignError(
      'DIFFOSCOPE_FAILED',
      `${run.version} found the two copies of ${JSON.stringify(target.row.name)} identical, though their hashes differ.`,
      'Run the comparison again; the files may have changed since.',
    );
  }
  const tree = await explainedTree(run.reportFile, files.ci, files.local, target.row.name);
  const saved = await saveReportTree(folder, tree, {
    diffoscopeVersion: run.version,
    reportSha256: await sha256File(join(folder, RAW_REPORT)),
    generatedAt: new Date().toISOString(),
  });
  options.report.phase('done', { done: 2, total: 2, unit: 'steps' });
  return saved;
}
