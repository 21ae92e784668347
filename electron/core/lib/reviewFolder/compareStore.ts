import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { compareResultSchema, type CompareResult } from '../../../../shared/compare';
import { writeFileAtomic } from '../fs/atomicWrite';
import { readJsonFile } from '../fs/readJsonFile';

const FILE = 'compare.json';

/** The saved comparison of a release, or null before the first (or if the file is not one). */
export function readSavedComparison(reviewDir: string): Promise<CompareResult | null> {
  return readJsonFile(join(reviewDir, FILE), compareResultSchema);
}

/**
 * Saves the comparison atomically (the previous one stays readable until the
 * rename) and answers with the saved bytes' SHA-256, for the audit log.
 */
export async function saveComparison(
  reviewDir: string,
  result: CompareResult,
): Promise<{ path: string; sha256: string }> {
  const path = join(reviewDir, FILE);
  const text = `${JSON.stringify(result, null, 2)}\n`;
  await mkdir(reviewDir, { recursive: true });
  await writeFileAtomic(path, text);
  return { path, sha256: createHash('sha256').update(text).digest('hex') };
}
