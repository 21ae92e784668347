import type { CountersignApi } from '../../shared/api';
import { CountersignError } from '../../shared/errors';
import type { ProjectSummary } from '../../shared/project';
import { ciSourceSetup } from './compare/ciSourceSetup';
import { compareRelease } from './compare/compareRelease';
import { readSavedComparison } from './lib/reviewFolder/compareStore';
import { reviewFolder } from './lib/project/countersignHome';
import { createReviewApi } from './review/reviewService';
import { promotionSetup } from './promote/projectPromotion';
import { createPromotionApi } from './promote/promotionService';
import { createVerificationApi } from './verify/verificationService';
import { JobRegistry } from './lib/jobs/jobRegistry';
import { loadProject, saveProject, type LoadedProject } from './lib/project/projectStore';
import { describeSigner } from './lib/openpgp/keyFacts';
import { addTrustedKeys, removeTrustedKey } from './tag/trustList';
import { listRebuilds, rebuildSetup, rebuildVerifiedTag } from './rebuild/rebuildService';
import { listTags } from './tag/readTag';
import { verifyTag } from './tag/verifyTag';

export interface CountersignCore {
  api: CountersignApi;
  jobs: JobRegistry;
}

async function summarise(project: LoadedProject): Promise<ProjectSummary> {
  return {
    name: project.config.name,
    projectFile: project.file,
    repoPath: project.repoPath,
    trustedSigners: await Promise.all(project.trustedKeys.map((key) => describeSigner(key))),
    tags: await listTags(project.repoPath).catch(() => []),
    rebuild: rebuildSetup(project),
    ci: await ciSourceSetup(project),
    ...(await promotionSetup(project)),
  };
}

/**
 * The engine behind every transport, for one open project. Each function takes
 * an already validated request; the transports (IPC, HTTP, CLI) validate.
 */
export function createCountersignCore(projectFile: string | null): CountersignCore {
  const jobs = new JobRegistry();
  const open = async (): Promise<LoadedProject> => {
    if (!projectFile) {
      throw new CountersignError(
        'NO_PROJECT',
        'No project is open.',
        'Start Countersign with --project DIR/project.json.',
      );
    }
    return loadProject(projectFile);
  };

  const api: CountersignApi = {
    'project:current': async () => summarise(await open()),

    'signers:import': ({ key }) =>
      jobs.run('import-signer', 'Import trusted signer', async (report) => {
        const project = await open();
        report.log('Reading the OpenPGP key');
        const config = await addTrustedKeys(project.config, key);
        await saveProject(project.file, config);
        report.log(`Trust list now holds ${config.trustedSigners.length} key(s)`);
        return summarise(await open());
      }),

    'signers:remove': async ({ fingerprint }) => {
      const project = await open();
      await saveProject(project.file, removeTrustedKey(project.config, fingerprint));
      return summarise(await open());
    },

    'tags:verify': ({ tag, expectCommit, allowSha1 }) =>
      jobs.run('verify-tag', `Verify tag ${tag}`, async (report) => {
        const project = await open();
        report.phase('read tag', { done: 0, total: 2, unit: 'steps' });
        report.log(`Reading refs/tags/${tag} in ${project.repoPath}`);
        report.phase('check signature', { done: 1, total: 2, unit: 'steps' });
        const verdict = await verifyTag({
          repo: project.repoPath,
          tag,
          trustedKeys: project.trustedKeys,
          expectCommit,
          allowSha1,
        });
        report.log(
          verdict.verdict === 'verified'
            ? `Verified: signed by ${verdict.signer?.primaryKeyFingerprint ?? '?'}`
            : `Refused: ${verdict.problems.map((problem) => problem.code).join(', ')}`,
        );
        report.phase('done', { done: 2, total: 2, unit: 'steps' });
        return verdict;
      }),

    'rebuild:run': async ({ tag, checkReproducible }) => {
      const project = await open();
      return jobs.run('rebuild', `Rebuild ${tag}`, (report) =>
        rebuildVerifiedTag(project, tag, checkReproducible ?? false, report),
      );
    },

    'rebuild:list': async ({ tag }) => listRebuilds(await open(), tag),

    'compare:run': async ({ tag, packages }) => {
      const project = await open();
      return jobs.run('compare', `Compare ${tag}`, (report) =>
        compareRelease(project, tag, { packages: packages ?? [] }, report),
      );
    },

    'compare:last': async ({ tag }) =>
      readSavedComparison(reviewFolder((await open()).config.name, tag)),

    ...createReviewApi(open, jobs),

    ...createPromotionApi(open, jobs),

    ...createVerificationApi(open, jobs),

    'jobs:cancel': ({ jobId }) => Promise.resolve({ cancelled: jobs.cancel(jobId) }),
  };
  return { api, jobs };
}
