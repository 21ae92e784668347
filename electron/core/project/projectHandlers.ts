import { errorKindOf, toAppError } from '../../../shared/errors';
import type { ProjectSummary } from '../../../shared/project';
import { createDemo } from '../demo/index';
import type { JobRegistry } from '../lib/jobs/jobRegistry';
import { countersignHome } from '../lib/project/countersignHome';
import type { ChannelHandlers } from '../lib/project/projectContext';
import type { ProjectSession } from '../lib/project/projectSession';
import { recentProjects } from '../lib/project/recentProjects';
import { fetchProjectTags } from '../setup/index';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

type ProjectChannels =
  'project:current' | 'project:recent' | 'project:open' | 'project:openDemo' | 'project:fetch';

/**
 * Which project is open, and opening another: the start screen's channels.
 * `summary` is the whole project as the UI shows it, each step's part combined.
 */
export function createProjectHandlers(
  session: ProjectSession,
  jobs: JobRegistry,
  summary: () => Promise<ProjectSummary>,
): ChannelHandlers<ProjectChannels> {
  return {
    'project:current': async () => (session.projectFile ? summary() : null),
    'project:recent': async () => ({ projects: await recentProjects() }),
    'project:open': async ({ projectFile }) => {
      await session.open(projectFile);
      return summary();
    },
    'project:openDemo': async () => {
      const dir = join(countersignHome(), 'demo');
      const projectFile = join(dir, 'project.json');
      if (!existsSync(projectFile)) {
        await jobs.run('setup', 'Make the demo release', async (report) => {
          const log = (line: string) => report.log(line);
          report.phase("making the demo: keys, signed tags, CI's packages built in Docker");
          try {
            await createDemo(dir, { log });
          } catch (error) {
            // Without Docker the demo still has its signed tags: step 1 works, and the rest says why not.
            if (errorKindOf(toAppError(error).code) !== 'environment') throw error;
            report.log(
              `CI's apt-test cannot be built here (${toAppError(error).message}); making the demo without it.`,
            );
            report.phase("making the demo without CI's apt-test");
            await createDemo(dir, { ci: false, log });
          }
        });
      }
      await session.open(projectFile);
      return summary();
    },
    'project:fetch': async () => {
      const project = await session.current();
      return jobs.run('fetch', 'Fetch tags', (report) => fetchProjectTags(project, report));
    },
  };
}
