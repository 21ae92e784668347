import { runGit } from '../lib/git/runGit';

/** The date of the top entry of a debian/changelog, as dpkg-parsechangelog reads it; null when absent. */
export function changelogTimestamp(changelog: string): number | null {
  const trailer = /^ -- .+? <[^>]*> {2}(.+)$/m.exec(changelog);
  if (!trailer?.[1]) return null;
  const time = Date.parse(trailer[1]);
  return Number.isNaN(time) ? null : Math.floor(time / 1000);
}

/**
 * SOURCE_DATE_EPOCH for a rebuild: debian/changelog's top entry for the Debian
 * preset (what Debian's own builds use), else the tagged commit's date.
 */
export async function sourceDateEpoch(
  repo: string,
  commit: string,
  preferChangelog: boolean,
): Promise<number> {
  if (preferChangelog) {
    const changelog = await runGit(['-C', repo, 'show', `${commit}:debian/changelog`]);
    const fromChangelog =
      changelog.code === 0 ? changelogTimestamp(changelog.stdout.toString('utf8')) : null;
    if (fromChangelog !== null) return fromChangelog;
  }
  const committed = await runGit(['-C', repo, 'show', '-s', '--format=%ct', commit]);
  return Number(committed.stdout.toString('utf8').trim());
}
