import type { RebuildResult } from '../../../shared/rebuild';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import type { ChannelHandlers, ProjectContext } from '../lib/project/projectContext';
import { loadProject } from '../lib/project/projectStore';
import { listRebuilds, rebuildVerifiedTag } from './rebuildService';

/**
 * Step 2 for a project named by its file: the same rebuild the UI runs, into
 * the release's review folder unless `outDir` says otherwise.
 */
export async function rebuildProjectTag(
  projectFile: string,
  tag: string,
  options: { checkReproducible: boolean; outDir?: string },
  report: JobReporter,
): Promise<RebuildResult> {
  const project = await loadProject(projectFile);
  return rebuildVerifiedTag(project, tag, options.checkReproducible, report, options.outDir);
}

/** Step 2's channels: a rebuild as a job, and the rebuilds a release already has. */
export function createRebuildHandlers({
  open,
  jobs,
}: ProjectContext): ChannelHandlers<'rebuild:run' | 'rebuild:list'> {
  return {
    'rebuild:run': async ({ tag, checkReproducible }) => {
      const project = await open();
      return jobs.run('rebuild', `Rebuild ${tag}`, (report) =>
        rebuildVerifiedTag(project, tag, checkReproducible ?? false, report),
      );
    },
    'rebuild:list': async ({ tag }) => listRebuilds(await open(), tag),
  };
}
