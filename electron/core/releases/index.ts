/**
 * Every release of a project at a glance, for `countersign status` and the
 * releases overview (`releases:list`): each tag with how far it got, read from
 * its review folder and audit log, never written to. The front door:
 * transports and fixtures import from here.
 */
import type { ChannelHandlers, ProjectContext } from '../lib/project/projectContext';
import { listReleases } from './listReleases';

export { listReleases } from './listReleases';

/** The overview's channel: the open project's releases. */
export function createReleasesHandlers(context: ProjectContext): ChannelHandlers<'releases:list'> {
  return {
    'releases:list': async () => listReleases(await context.open()),
  };
}
