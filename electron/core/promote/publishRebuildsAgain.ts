import { CountersignError } from '../../../shared/errors';
import { appendAuditEntry, readAuditEntries } from '../audit/auditLog';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import { withUnlockedKey } from '../lib/openpgp/unlockReleaseKey';
import { releaseFolder } from '../lib/project/releaseFolder';
import type { LoadedProject } from '../lib/project/projectStore';
import { publishRebuilderTree } from '../rebuilderLinks/index';
import { aptProdRootOf, projectReleaseKey } from './projectPromotion';

interface PromotedPackage {
  package: string;
  version: string;
  architecture: string;
  sha256: string;
}

/**
 * Publishes a promoted release's rebuilder links again, with a freshly
 * signed layout: after another rebuilder handed its links in, after the
 * project changed its rebuilders or threshold, or before the layout
 * expires. What was promoted is read from the release's last `promotion`
 * audit entry; apt-prod's packages are not touched. Returns the paths
 * written, relative to apt-prod.
 */
export async function publishRebuildsAgain(
  project: LoadedProject,
  request: { tag: string; passphrase: string },
  report: JobReporter,
): Promise<string[]> {
  const { tag } = request;
  const policy = project.config.rebuilders;
  if (!policy) {
    throw new CountersignError(
      'INVALID_PROJECT',
      `Project ${project.config.name} pins no rebuilders.`,
      'Add rebuilders to project.json first.',
    );
  }
  const reviewDir = await releaseFolder(project, tag);
  const promotion = (await readAuditEntries(reviewDir)).findLast(
    (entry) => entry.kind === 'promotion',
  );
  const packages = (promotion?.data.packages ?? []) as PromotedPackage[];
  if (!promotion || packages.length === 0) {
    throw new CountersignError(
      'NOTHING_PROMOTED',
      `${tag} has not been promoted, so there are no links of it to publish.`,
      'Promote the release: the promotion publishes its rebuilders’ links.',
    );
  }
  const date = new Date();
  const key = await projectReleaseKey(project, date);
  return withUnlockedKey(key, request.passphrase, async (unlocked) => {
    const written = await publishRebuilderTree({
      root: aptProdRootOf(project),
      reviewDir,
      projectName: project.config.name,
      tag,
      policy,
      promoted: packages,
      unlocked,
      date,
      report,
    });
    if (written.length === 0) {
      throw new CountersignError(
        'INTERNAL',
        'The rebuilders’ links could not be published: see the log above.',
      );
    }
    await appendAuditEntry(reviewDir, 'rebuild-links-republished', { tag, files: written.length });
    return written;
  });
}
