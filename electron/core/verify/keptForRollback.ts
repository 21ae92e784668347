import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type * as openpgp from 'openpgp';
import { openRepositoryLocation } from '../lib/apt/repositoryLocation';
import { PUBLICATIONS_DIR } from '../publish/index';
import { checkSuiteIndexes } from './checkSuiteIndexes';
import { checkSuiteSignatures } from './checkSuiteSignatures';
import { releaseFilesOf } from './extraFiles';

/**
 * The files apt-prod keeps so a rollback can serve an earlier publication
 * again: that publication's pool files and its indexes' by-hash copies. They
 * are not "extra" — but only when the kept publication's own Release verifies
 * with the release keys, so a folder anyone wrote under .countersign/ cannot
 * make a stray file look expected.
 */
export async function filesKeptForRollback(
  root: string,
  suites: string[][],
  keys: openpgp.PublicKey[],
  now: Date,
  signal?: AbortSignal,
): Promise<Set<string>> {
  const kept = new Set<string>();
  const dir = join(root, PUBLICATIONS_DIR);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const location = openRepositoryLocation(join(dir, entry.name));
    for (const suite of suites) {
      const signed = await checkSuiteSignatures(location, suite, keys, now, signal).catch(
        () => null,
      );
      const verified = signed?.signatures.some((check) => check.status === 'verified');
      if (!signed?.release || !verified) continue;
      const indexes = await checkSuiteIndexes(location, suite, signed.release, signal).catch(
        () => null,
      );
      for (const file of releaseFilesOf(suite.join('/'), signed.release)) kept.add(file);
      for (const pkg of indexes?.packages ?? []) kept.add(pkg.filename);
    }
  }
  return kept;
}
