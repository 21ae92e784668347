import type * as openpgp from 'openpgp';
import { loadProject } from '../lib/project/projectStore';

/** Where a project's tags are and whom it trusts to sign them: the inputs of verifyTag. */
export async function tagInputsOf(
  projectFile: string,
): Promise<{ repo: string; trustedKeys: openpgp.PublicKey[] }> {
  const project = await loadProject(projectFile);
  return { repo: project.repoPath, trustedKeys: project.trustedKeys };
}
