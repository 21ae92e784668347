import type { TagVerdict } from '../../../shared/tags';
import type { LoadedProject } from '../lib/project/projectStore';
import { releaseFolder } from '../lib/project/releaseFolder';
import { recordTagVerifiedOnce } from '../lib/reviewFolder/tagGate';

/**
 * A tag verified against its project's own repository and trust list starts
 * the release's history (once per tag object and signer), so the overview and
 * `countersign status` read it back. A refused tag makes no folder.
 */
export async function recordProjectVerification(
  project: LoadedProject,
  verdict: TagVerdict,
): Promise<void> {
  if (verdict.verdict !== 'verified') return;
  const tag = verdict.tagName.replace(/^refs\/tags\//, '');
  await recordTagVerifiedOnce(await releaseFolder(project, tag), verdict);
}
