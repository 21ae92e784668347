// Every release of a project at a glance, for `countersign status` and the
// releases overview (`releases:list`).
import { CountersignError } from '../../../shared/errors';
import type { ChannelHandlers, ProjectContext } from '../lib/project/projectContext';

export function createReleasesHandlers(context: ProjectContext): ChannelHandlers<'releases:list'> {
  return {
    'releases:list': async () => {
      await context.open();
      throw new CountersignError('INTERNAL', 'The releases overview is not built yet.');
    },
  };
}
