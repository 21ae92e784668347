import { dirname } from 'node:path';
import { releaseFolder } from '../lib/project/releaseFolder';
import type { ChannelHandlers, ProjectContext } from '../lib/project/projectContext';
import { saveProject } from '../lib/project/projectStore';
import { readReleaseKey, storeReleaseKey } from '../lib/openpgp/index';
import { preparePromotion } from './planPromotion';
import {
  aptProdRootOf,
  projectPromotionSources,
  projectWithdrawalSources,
} from './projectPromotion';
import { rollbackRelease } from './rollbackRelease';
import { runPromotion } from './runPromotion';
import { withdrawPackage } from './withdrawPackage';

/** Step 5's channels: the release key, the plan, the promotion, the rollback, the withdrawal. */
export function createPromoteHandlers({
  open,
  jobs,
}: ProjectContext): ChannelHandlers<
  'signing:importKey' | 'promote:plan' | 'promote:run' | 'promote:rollback' | 'promote:withdraw'
> {
  return {
    'signing:importKey': async ({ key, allowUnprotected }) => {
      const project = await open();
      const releaseKey = await readReleaseKey(key, { allowUnprotected });
      const file = await storeReleaseKey(dirname(project.file), releaseKey);
      await saveProject(project.file, {
        ...project.config,
        releaseKey: { file, fingerprint: releaseKey.info.fingerprint },
      });
      return releaseKey.info;
    },

    'promote:plan': async (request) => {
      const project = await open();
      return jobs.run('promote-plan', `Plan the promotion of ${request.tag}`, async (report) => {
        const sources = await projectPromotionSources(project, request.tag);
        return (await preparePromotion(sources, request, report)).plan;
      });
    },

    'promote:run': async (request) => {
      const project = await open();
      return jobs.run('promote', `Promote ${request.tag} to apt-prod`, async (report) =>
        runPromotion(await projectPromotionSources(project, request.tag), request, report),
      );
    },

    'promote:rollback': async ({ tag }) => {
      const project = await open();
      return rollbackRelease(aptProdRootOf(project), await releaseFolder(project, tag));
    },

    'promote:withdraw': async (request) => {
      const project = await open();
      return jobs.run('promote', `Withdraw ${request.package} from apt-prod`, async (report) =>
        withdrawPackage(await projectWithdrawalSources(project, request.tag), request, report),
      );
    },
  };
}
