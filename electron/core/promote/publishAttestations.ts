import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { toAppError } from '../../../shared/errors';
import { exportAttestations } from '../attest/index';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import type { UnlockedReleaseKey } from '../lib/openpgp/unlockReleaseKey';
import { ATTESTATIONS_FOLDER, releaseFolderName } from '../lib/reviewFolder/releaseFolders';

/**
 * Publishes the promotion's signed attestations beside apt-prod, in
 * `attestations/<tag>/`, so anyone who fetches a package can check how it was
 * rebuilt and reviewed without asking us. Written in a staging folder and
 * renamed into place: the folder is complete or absent. Returns the paths,
 * relative to apt-prod.
 *
 * apt-prod already serves the release when this runs, so a failure here is
 * reported and leaves the publication standing: `countersign attest export`
 * can write them again from the review folder.
 */
export async function publishAttestations(
  root: string,
  resourceUri: string | undefined,
  reviewDir: string,
  tag: string,
  unlocked: UnlockedReleaseKey,
  date: Date,
  report: JobReporter,
): Promise<string[]> {
  const parent = join(root, ATTESTATIONS_FOLDER);
  const folderName = releaseFolderName(tag);
  const staging = join(parent, `.${folderName}.partial`);
  const final = join(parent, folderName);
  try {
    await rm(staging, { recursive: true, force: true });
    const exported = await exportAttestations({
      reviewDir,
      outDir: staging,
      recordAs: final,
      unlocked,
      date,
      ...(resourceUri ? { resourceUri } : {}),
    });
    await rm(final, { recursive: true, force: true });
    await rename(staging, final);
    return exported.files.map(({ file }) => `${ATTESTATIONS_FOLDER}/${folderName}/${file}`);
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    report.log(
      `The attestations were not published: ${toAppError(error).message} Export them with countersign attest export.`,
    );
    return [];
  }
}
