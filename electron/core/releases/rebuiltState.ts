import { join } from 'node:path';
import type { ReleaseState } from '../../../shared/releases';
import { buildInfoSchema, type BuildInfo } from '../../../shared/rebuild';
import { readJsonFile } from '../lib/fs/readJsonFile';

// .buildinfo and .changes describe the build itself and differ by design (as step 2 judges).
const RECORDS_OF_THE_BUILD = /\.(buildinfo|changes)$/;

/**
 * Whether two builds of one run made the same packages, as step 2 judged it
 * (`rebuild/compareRebuilds.ts`, which its front door does not export).
 */
export function sameBuild(reference: BuildInfo, varied: BuildInfo): boolean {
  const packages = (build: BuildInfo) =>
    new Map(
      build.artifacts
        .filter(({ name }) => !RECORDS_OF_THE_BUILD.test(name))
        .map(({ name, sha256 }) => [name, sha256]),
    );
  const left = packages(reference);
  const right = packages(varied);
  return (
    left.size > 0 &&
    left.size === right.size &&
    [...left].every(([name, sha256]) => right.get(name) === sha256)
  );
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
