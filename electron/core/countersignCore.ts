import type { CountersignApi } from '../../shared/api';
import type { ProjectSummary } from '../../shared/project';
import { createApproveHandlers } from './approve/index';
import { compareSetup, createCompareHandlers } from './compare/index';
import { JobRegistry } from './lib/jobs/jobRegistry';
import type { ProjectContext } from './lib/project/projectContext';
import { ProjectSession } from './lib/project/projectSession';
import { loadProject, type LoadedProject } from './lib/project/projectStore';
import { createProjectHandlers } from './project/index';
import { createReleasesHandlers } from './releases/index';
import { createSetupHandlers } from './setup/index';
import { createPromoteHandlers, promotionSetup } from './promote/index';
import { createRebuildHandlers, rebuildSetup } from './rebuild/index';
import { createRebuilderHandlers } from './rebuilderLinks/index';
import { createReviewHandlers } from './review/index';
import { createReviewBundleHandlers } from './reviewBundle/index';
import { createDoctorHandlers } from './doctor/index';
import { createTagHandlers, tagSetup } from './tag/index';
import { createVerifyHandlers } from './verify/index';

export type { JobReporter } from './lib/jobs/jobRegistry';

export interface CountersignCore {
  api: CountersignApi;
  jobs: JobRegistry;
}

/** The project as the UI shows it: each step's part of it, combined. */
async function summarise(project: LoadedProject): Promise<ProjectSummary> {
  return {
    id: project.id,
    name: project.config.name,
    projectFile: project.file,
    repoPath: project.repoPath,
    ...(project.config.source.url ? { sourceUrl: project.config.source.url } : {}),
    ...(await tagSetup(project)),
    rebuild: rebuildSetup(project),
    ci: await compareSetup(project),
    ...(await promotionSetup(project)),
  };
}

/**
 * The engine behind every transport, for one open project: the six steps'
 * channel handlers combined. Each handler takes an already validated request;
 * the transports (IPC, HTTP) validate.
 */
export function createCountersignCore(projectFile: string | null): CountersignCore {
  const jobs = new JobRegistry();
  const session = new ProjectSession(projectFile);
  const open = () => session.current();
  const context: ProjectContext = { open, jobs, summary: async () => summarise(await open()) };

  const api: CountersignApi = {
    ...createProjectHandlers(session, jobs, context.summary),
    ...createSetupHandlers(session, jobs, context.summary),
    ...createReleasesHandlers(context),
    ...createDoctorHandlers(),
    ...createTagHandlers(context),
    ...createRebuildHandlers(context),
    ...createCompareHandlers(context),
    ...createReviewHandlers(context),
    ...createReviewBundleHandlers(session, context),
    ...createApproveHandlers(context),
    ...createRebuilderHandlers(context),
    ...createPromoteHandlers(context),
    ...createVerifyHandlers(context),
    'jobs:cancel': ({ jobId }) => Promise.resolve({ cancelled: jobs.cancel(jobId) }),
  };
  return { api, jobs };
}

/** Checks that a project file loads (its keys match their pins), before a transport serves it. */
export async function checkProject(projectFile: string): Promise<void> {
  await loadProject(projectFile);
}
