import type { RequestOf, ResponseOf } from '../../../../shared/api';
import type { Channel } from '../../../../shared/api';
import type { ProjectSummary } from '../../../../shared/project';
import type { JobRegistry } from '../jobs/jobRegistry';
import type { LoadedProject } from './projectStore';

/**
 * What a step's channel handlers are given: the open project, read again on
 * every call (project.json may change under them), and the jobs registry long
 * work runs in.
 */
export interface ProjectContext {
  open: () => Promise<LoadedProject>;
  jobs: JobRegistry;
  /** The whole project as the UI shows it, each step's part combined; answered after a change to it. */
  summary: () => Promise<ProjectSummary>;
}

/** The handlers of some channels of the contract, typed from shared/api.ts. */
export type ChannelHandlers<C extends Channel> = {
  [Name in C]: (request: RequestOf<Name>) => Promise<ResponseOf<Name>>;
};
