/**
 * Step 0, the project: a project.json loaded with its keys checked against
 * their pins, and where a release's review folder is. The front door for the
 * code outside the engine that opens a project (the shells, fixtures, tests).
 */
export { loadProject, type LoadedProject } from '../lib/project/projectStore';
export { releaseFolder } from '../lib/project/releaseFolder';
export { newProjectId } from '../lib/project/projectIdentity';
export type { JobReporter } from '../lib/jobs/jobRegistry';
export { createProjectHandlers } from './projectHandlers';
