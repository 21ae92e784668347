import { runGit } from '../lib/git/runGit';
import type { SourceRelease } from '../lib/apt/readAptRepository';
import { readChangelogAt } from '../tag/index';

/**
 * The source package and version a release tag builds, from debian/changelog
 * at the tag (never from the tag's name: DEP-14 writes `1:1.5.2-5.1` as
 * `debian/1%1.5.2-5.1`). Null for a repository that is not a Debian source
 * package: its CI side is then read whole, as before.
 */
export async function releaseSourceAt(repo: string, tag: string): Promise<SourceRelease | null> {
  const resolved = await runGit([
    '-C',
    repo,
    'rev-parse',
    '--verify',
    '--end-of-options',
    `refs/tags/${tag}^{commit}`,
  ]).catch(() => null);
  const commit = resolved?.code === 0 ? resolved.stdout.toString('utf8').trim() : '';
  if (!commit) return null;
  const changelog = await readChangelogAt(repo, commit);
  return changelog ? { name: changelog.source, version: changelog.version } : null;
}
