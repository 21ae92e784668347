import { copyFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RebuiltArtifact } from '../../../shared/rebuild';
import { sha256File } from '../lib/fs/sha256File';

/** "*.deb" → a whole-name matcher; only * and ? are special, nothing can reach a path separator. */
export function matcherFor(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${escaped}$`);
}

/**
 * Copies the regular files of `from` whose names match the recipe's patterns
 * into `to`, hashing each outside the container (a build cannot vouch for itself).
 */
export async function collectArtifacts(
  from: string,
  to: string,
  patterns: string[],
): Promise<RebuiltArtifact[]> {
  const matchers = patterns.map(matcherFor);
  const artifacts: RebuiltArtifact[] = [];
  for (const name of (await readdir(from)).sort()) {
    if (!matchers.some((matcher) => matcher.test(name))) continue;
    const info = await stat(join(from, name));
    if (!info.isFile()) continue;
    await copyFile(join(from, name), join(to, name));
    artifacts.push({ name, sha256: await sha256File(join(to, name)), size: info.size });
  }
  return artifacts;
}
