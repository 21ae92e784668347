import type { ProjectSummary } from '../../../shared/project';
import type { JobRegistry } from '../lib/jobs/jobRegistry';
import type { ChannelHandlers } from '../lib/project/projectContext';
import type { ProjectSession } from '../lib/project/projectSession';
import { checkCiSource } from './checkCiSource';
import { initProject } from './initProject';
import { inspectKeys } from './readKeySources';
import { inspectSource } from './inspectSource';

type SetupChannels = 'setup:inspectSource' | 'setup:inspectKeys' | 'setup:checkCi' | 'setup:create';

/** The "New project…" wizard's channels: each answer checked as it is given, then the project written and opened. */
export function createSetupHandlers(
  session: ProjectSession,
  jobs: JobRegistry,
  summary: () => Promise<ProjectSummary>,
): ChannelHandlers<SetupChannels> {
  return {
    'setup:inspectSource': (request) =>
      jobs.run('setup', 'Read the source', (report) => inspectSource(request.source, report)),
    'setup:inspectKeys': (request) => inspectKeys(request.keys),
    'setup:checkCi': (request) =>
      jobs.run('setup', "Check CI's source", (report) =>
        checkCiSource(request, process.cwd(), report),
      ),
    'setup:create': async (request) => {
      const created = await jobs.run('setup', `Set up ${request.name}`, (report) =>
        initProject(request, report),
      );
      await session.open(created.projectFile);
      return summary();
    },
  };
}
