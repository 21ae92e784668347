import { join } from 'node:path';
import type { ReleaseState } from '../../../shared/releases';
import { buildInfoSchema, type BuildInfo } from '../../../shared/rebuild';
import { readJsonFile } from '../lib/fs/readJsonFile';
import { compareRebuilds } from '../rebuild/index';

/** Whether two builds of one run made the same packages, as step 2 judged it. */
export function sameBuild(reference: BuildInfo, varied: BuildInfo): boolean {
  return compareRebuilds(reference.artifacts, varied.artifacts).reproducible;
}

/**
 * The release's rebuild from its review folder's `rebuild/buildinfo.json`;
 * reproducible or not only when `rebuild-varied/` is the second build of that
 * same run (a later rebuild without the check leaves an older varied build
 * behind, which says nothing about this one).
 */
export async function rebuiltState(reviewDir: string): Promise<ReleaseState['rebuilt']> {
  const reference = await readJsonFile(
    join(reviewDir, 'rebuild', 'buildinfo.json'),
    buildInfoSchema,
  );
  if (!reference) return null;
  const varied = await readJsonFile(
    join(reviewDir, 'rebuild-varied', 'buildinfo.json'),
    buildInfoSchema,
  );
  const sameRun =
    varied !== null &&
    varied.commit === reference.commit &&
    varied.startedAt >= reference.finishedAt;
  return {
    at: (sameRun ? varied : reference).finishedAt,
    artifacts: reference.artifacts.length,
    reproducible: sameRun ? sameBuild(reference, varied) : null,
  };
}
