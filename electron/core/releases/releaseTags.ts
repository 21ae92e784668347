import { runGit } from '../lib/git/runGit';
import { listTags } from '../tag/index';

/** A tag of the repository and when it was made. */
export interface DatedTag {
  name: string;
  /** The tagger's date for an annotated tag, the commit's for a lightweight one; null if git gave none. */
  taggedAt: string | null;
}

/**
 * Every tag of the repository with its date. Step 1's listing names them (and
 * refuses a path that is no repository, saying why); git's creatordate dates
 * them, in strict ISO 8601. A ref name holds no tab, so a tab separates.
 */
export async function releaseTags(repo: string): Promise<DatedTag[]> {
  const tags = await listTags(repo);
  const dated = await runGit([
    '-C',
    repo,
    'for-each-ref',
    '--format=%(refname:strip=2)%09%(creatordate:iso-strict)',
    'refs/tags',
  ]).catch(() => null);
  const dates = new Map(
    (dated?.code === 0 ? dated.stdout.toString('utf8').split('\n') : [])
      .filter(Boolean)
      .map((line) => {
        const tab = line.lastIndexOf('\t');
        return [line.slice(0, tab), line.slice(tab + 1) || null] as const;
      }),
  );
  return tags.map(({ name }) => ({ name, taggedAt: dates.get(name) ?? null }));
}
