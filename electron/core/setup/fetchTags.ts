import { CountersignError } from '../../../shared/errors';
import type { FetchTagsResult } from '../../../shared/projectSetup';
import { fetchMirror } from '../lib/git/mirror';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import type { LoadedProject } from '../lib/project/projectStore';
import { listTags } from '../tag/index';

/**
 * Re-fetches the tags of a project whose source is a URL, into its mirror,
 * and says which are new. A tag the mirror holds is never moved (see
 * fetchMirror): what was verified stays what it was.
 */
export async function fetchProjectTags(
  project: LoadedProject,
  report: JobReporter,
): Promise<FetchTagsResult> {
  const url = project.config.source.url;
  if (!url) {
    throw new CountersignError(
      'NOT_A_MIRROR',
      `This project's source is the local repository ${project.repoPath}: its tags are read from there directly.`,
      'Fetch in that repository with git (git fetch --tags) if it has a remote.',
    );
  }
  const before = new Set((await listTags(project.repoPath)).map(({ name }) => name));
  report.phase(`fetching tags from ${url}`);
  const { movedTags } = await fetchMirror(project.repoPath, url);
  const after = (await listTags(project.repoPath)).map(({ name }) => name);
  const newTags = after.filter((name) => !before.has(name));
  report.log(newTags.length === 0 ? 'no new tags' : `new tags: ${newTags.join(', ')}`);
  if (movedTags.length > 0)
    report.log(`moved by the remote, kept as they were: ${movedTags.join(', ')}`);
  return { source: url, newTags, movedTags, tags: after.length };
}
