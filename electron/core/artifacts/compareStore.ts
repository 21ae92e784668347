import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compareResultSchema, type CompareResult } from '../../../shared/compare';
import { writeFileAtomic } from '../fs/atomicWrite';

const FILE = 'compare.json';

/** The saved comparison of a release, or null before the first (or if the file is not one). */
export async function readSavedComparison(reviewDir: string): Promise<CompareResult | null> {
  const text = await readFile(join(reviewDir, FILE), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = compareResultSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
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
