import { describeSigner } from '../lib/openpgp/keyFacts';
import type { ChannelHandlers, ProjectContext } from '../lib/project/projectContext';
import { saveProject, type LoadedProject } from '../lib/project/projectStore';
import { listTags } from './readTag';
import { recordProjectVerification } from './recordVerification';
import { addTrustedKeys, removeTrustedKey } from './trustList';
import { verifyTag } from './verifyTag';
import type { ProjectSummary } from '../../../shared/project';

/** Step 1's part of the project summary: who is trusted to sign, and which tags exist. */
export async function tagSetup(
  project: LoadedProject,
): Promise<Pick<ProjectSummary, 'trustedSigners' | 'tags'>> {
  return {
    trustedSigners: await Promise.all(project.trustedKeys.map((key) => describeSigner(key))),
    tags: await listTags(project.repoPath).catch(() => []),
  };
}

/** Step 1's channels: the trust list, and a tag verified against it. */
export function createTagHandlers({
  open,
  jobs,
  summary,
}: ProjectContext): ChannelHandlers<'signers:import' | 'signers:remove' | 'tags:verify'> {
  return {
    'signers:import': ({ key }) =>
      jobs.run('import-signer', 'Import trusted signer', async (report) => {
        const project = await open();
        report.log('Reading the OpenPGP key');
        const config = await addTrustedKeys(project.config, key);
        await saveProject(project.file, config);
        report.log(`Trust list now holds ${config.trustedSigners.length} key(s)`);
        return summary();
      }),

    'signers:remove': async ({ fingerprint }) => {
      const project = await open();
      await saveProject(project.file, removeTrustedKey(project.config, fingerprint));
      return summary();
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
        await recordProjectVerification(project, verdict);
        report.phase('done', { done: 2, total: 2, unit: 'steps' });
        return verdict;
      }),
  };
}
