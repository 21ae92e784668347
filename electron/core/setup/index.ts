// Setting up a project: `countersign init`, `countersign fetch`, and the UI's
// "New project…" wizard, all through one engine function and one validation.
export { createSetupHandlers } from './setupHandlers';
export { initProject } from './initProject';
export { fetchProjectTags } from './fetchTags';
