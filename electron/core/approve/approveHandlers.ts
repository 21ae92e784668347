import type { ChannelHandlers, ProjectContext } from '../lib/project/projectContext';
import { signOffRelease } from './projectSignOff';

/** The approval channel: a reviewer's sign-off on a release, as an in-toto link. */
export function createApproveHandlers(context: ProjectContext): ChannelHandlers<'review:signOff'> {
  return {
    'review:signOff': async (request) => signOffRelease(await context.open(), request),
  };
}
