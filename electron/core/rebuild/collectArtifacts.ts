import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RebuiltArtifact } from '../../../shared/rebuild';

/** "*.deb" → a whole-name matcher; only * and ? are special, nothing can reach a path separator. */
export function matcherFor(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${escaped}$`);
}

/** Streams a file through SHA-256: constant memory whatever its size. */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
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
