import { readSavedComparison } from '../lib/reviewFolder/compareStore';
import { releaseFolder } from '../lib/project/releaseFolder';
import type { ChannelHandlers, ProjectContext } from '../lib/project/projectContext';
import { compareRelease } from './compareRelease';

/** Step 3's channels: a release compared as a job, and its last saved comparison. */
export function createCompareHandlers({
  open,
  jobs,
}: ProjectContext): ChannelHandlers<'compare:run' | 'compare:last'> {
  return {
    'compare:run': async ({ tag, packages }) => {
      const project = await open();
      return jobs.run('compare', `Compare ${tag}`, (report) =>
        compareRelease(project, tag, { packages: packages ?? [] }, report),
      );
    },
    'compare:last': async ({ tag }) => readSavedComparison(await releaseFolder(await open(), tag)),
  };
}
