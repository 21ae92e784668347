import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import { signDetached, signSha256Sums, type UnlockedReleaseKey } from '../lib/openpgp/index';
import { RELEASES_FOLDER, releaseFolderName } from '../lib/reviewFolder/releaseFolders';

/**
 * Signs the release's non-package artifacts (tarballs, wheels) beside
 * apt-prod: `releases/<tag>/` holds each file, its `.asc`, and a signed
 * SHA256SUMS. Written in a temporary folder and renamed into place, so the
 * folder is either complete or absent. Returns the paths, relative to apt-prod.
 */
export async function signDetachedArtifacts(
  root: string,
  tag: string,
  files: { name: string; file: string; sha256: string }[],
  unlocked: UnlockedReleaseKey,
  date: Date,
): Promise<string[]> {
  if (files.length === 0) return [];
  const releases = join(root, RELEASES_FOLDER);
  const folderName = releaseFolderName(tag);
  const staging = join(releases, `.${folderName}.partial`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const written: string[] = [];
  for (const artifact of files) {
    const bytes = await readFile(artifact.file);
    // The bytes signed must be the bytes compared: a file changed since is refused.
    if (createHash('sha256').update(bytes).digest('hex') !== artifact.sha256) {
      await rm(staging, { recursive: true, force: true });
      throw new CountersignError(
        'LOCAL_TAMPERED',
        `${artifact.name} changed since it was compared; it is not signed.`,
        'Compare and review the release again.',
      );
    }
    await writeFile(join(staging, artifact.name), bytes);
    await writeFile(
      join(staging, `${artifact.name}.asc`),
      await signDetached(unlocked, bytes, date),
    );
    written.push(artifact.name, `${artifact.name}.asc`);
  }
  const sums = await signSha256Sums(unlocked, files, date);
  await writeFile(join(staging, 'SHA256SUMS'), sums.sha256sums);
  await writeFile(join(staging, 'SHA256SUMS.asc'), sums.asc);
  written.push('SHA256SUMS', 'SHA256SUMS.asc');
  const final = join(releases, folderName);
  await rm(final, { recursive: true, force: true });
  await rename(staging, final);
  return written.map((name) => `${RELEASES_FOLDER}/${folderName}/${name}`);
}
