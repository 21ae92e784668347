import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DebIdentity } from '../../../shared/compare';
import { toAppError } from '../../../shared/errors';
import type { ReviewPolicy } from '../../../shared/reviewers';
import { IN_TOTO_FOLDER, writeApprovals } from '../approve/index';
import { appendAuditEntry } from '../audit/auditLog';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import type { UnlockedReleaseKey } from '../lib/openpgp/unlockReleaseKey';
import { ATTESTATIONS_FOLDER, releaseFolderName } from '../lib/reviewFolder/releaseFolders';

export interface PublishApprovalsOptions {
  root: string;
  reviewDir: string;
  projectName: string;
  tag: string;
  /** The project's review policy; without one nothing is published. */
  policy: ReviewPolicy | undefined;
  /** Days the layout stays valid (365 by default). */
  layoutDays?: number;
  /** What the promotion published, with the bytes apt-prod serves. */
  promoted: (DebIdentity & { sha256: string })[];
  unlocked: UnlockedReleaseKey;
  date: Date;
  report: JobReporter;
}

/**
 * Publishes the release's approvals for Debian's in-toto beside its other
 * attestations, in `attestations/<tag>/in-toto/`: the layout signed by the
 * release key, each counted reviewer's approval link and the release key's
 * public half (docs/attestations.md). Written in a staging folder and renamed
 * into place. An approval left out is said in the job log and recorded in
 * the audit log (`approvals-published`) with why.
 *
 * Like the attestations, a failure here leaves the publication standing and
 * is reported. Returns the paths written, relative to apt-prod.
 */
export async function publishApprovals(options: PublishApprovalsOptions): Promise<string[]> {
  const { policy, report } = options;
  if (!policy) return [];
  const folderName = releaseFolderName(options.tag);
  const parent = join(options.root, ATTESTATIONS_FOLDER, folderName);
  const staging = join(parent, `.${IN_TOTO_FOLDER}.partial`);
  const final = join(parent, IN_TOTO_FOLDER);
  try {
    await rm(staging, { recursive: true, force: true });
    const written = await writeApprovals({
      reviewDir: options.reviewDir,
      outDir: staging,
      projectName: options.projectName,
      tag: options.tag,
      policy,
      ...(options.layoutDays !== undefined ? { layoutDays: options.layoutDays } : {}),
      promoted: options.promoted,
      releaseKey: {
        key: options.unlocked.key,
        fingerprint: options.unlocked.info.fingerprint,
        signingKey: options.unlocked.info.signingKey.fingerprint,
      },
      date: options.date,
    });
    await rm(final, { recursive: true, force: true });
    await rename(staging, final);
    for (const { file, reviewer, reason } of written.setAside) {
      report.log(
        `Approval ${file}${reviewer ? ` by ${reviewer.toUpperCase()}` : ''} not published: ${reason}`,
      );
    }
    if (written.published.length < written.threshold) {
      report.log(
        `Only ${written.published.length} of the ${written.threshold} approvals the layout asks for are published: in-toto-verify will fail until reviewers sign off on exactly the promoted packages.`,
      );
    }
    await appendAuditEntry(options.reviewDir, 'approvals-published', {
      tag: options.tag,
      folder: `${ATTESTATIONS_FOLDER}/${folderName}/${IN_TOTO_FOLDER}`,
      threshold: written.threshold,
      files: written.files,
      published: written.published,
      notPublished: written.setAside,
    });
    return written.files.map(
      ({ file }) => `${ATTESTATIONS_FOLDER}/${folderName}/${IN_TOTO_FOLDER}/${file}`,
    );
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    report.log(`The in-toto approvals were not published: ${toAppError(error).message}`);
    return [];
  }
}
