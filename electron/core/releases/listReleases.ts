import type { ReleasesOverview } from '../../../shared/releases';
import type { LoadedProject } from '../lib/project/projectStore';
import { orderReleases } from './orderReleases';
import { releaseState } from './releaseState';
import { releaseTags } from './releaseTags';

/**
 * Every tag of the project's repository with how far its release got, newest
 * first, each release candidate right after its final release.
 */
export async function listReleases(project: LoadedProject): Promise<ReleasesOverview> {
  const tags = await releaseTags(project.repoPath);
  const releases = await Promise.all(
    tags.map(({ name, taggedAt }) => releaseState(project, name, taggedAt)),
  );
  return {
    project: { id: project.id, name: project.config.name },
    releases: orderReleases(releases),
  };
}
