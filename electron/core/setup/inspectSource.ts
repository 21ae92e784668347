import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import type { SourceInspection } from '../../../shared/projectSetup';
import { readChangelogAt } from '../lib/deb/debianChangelog';
import { cloneMirror, fetchMirror, isRepositoryUrl } from '../lib/git/mirror';
import { runGit } from '../lib/git/runGit';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import { countersignCache } from '../lib/project/countersignHome';
import { listTags } from '../tag/index';
import { detectRecipe } from './detectRecipe';

/** Where a URL is mirrored while its project is being set up, before the project folder exists. */
export function cachedMirrorOf(url: string): string {
  const key = createHash('sha256').update(url, 'utf8').digest('hex').slice(0, 24);
  return join(countersignCache(), 'mirrors', `${key}.git`);
}

/** Refuses a path that is not a git repository, saying what it is instead. */
async function assertGitRepository(path: string, given: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) {
    throw new CountersignError(
      'NOT_A_GIT_REPOSITORY',
      `${JSON.stringify(given)} ${info ? 'is a file, not a folder' : 'does not exist'}.`,
      'Give the folder of a git repository (the one holding .git), or its URL.',
    );
  }
  const result = await runGit(['-C', path, 'rev-parse', '--git-dir']).catch(() => null);
  if (result?.code !== 0) {
    throw new CountersignError(
      'NOT_A_GIT_REPOSITORY',
      `${JSON.stringify(given)} is not a git repository.`,
      'Give the folder of a git repository (run git init and commit there first), or its URL.',
    );
  }
}

async function commitOf(repo: string, rev: string): Promise<string | null> {
  const result = await runGit(['-C', repo, 'rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  return result.code === 0 ? result.stdout.toString('utf8').trim() : null;
}

async function hasDebianFolder(repo: string, commit: string): Promise<boolean> {
  const result = await runGit(['-C', repo, 'cat-file', '-e', `${commit}:debian/control`]);
  return result.code === 0;
}

/** Local: the folder as given. URL: mirrored (or refreshed) in the cache, then read from there. */
async function locate(
  source: string,
  report: JobReporter,
): Promise<{ kind: SourceInspection['kind']; location: string }> {
  if (!isRepositoryUrl(source)) {
    const location = resolve(source);
    await assertGitRepository(location, source);
    return { kind: 'local', location };
  }
  const mirror = cachedMirrorOf(source);
  if (existsSync(mirror)) {
    report.phase(`fetching ${source}`);
    await fetchMirror(mirror, source);
  } else {
    report.phase(`mirroring ${source}`);
    await mkdir(join(countersignCache(), 'mirrors'), { recursive: true });
    await cloneMirror(source, mirror);
  }
  return { kind: 'url', location: mirror };
}

/**
 * What a source holds: its tags, and, from debian/changelog at the newest tag
 * (or HEAD when there is none), the Debian source, version and suite the
 * recipe is detected from.
 */
export async function inspectSource(
  source: string,
  report: JobReporter,
): Promise<SourceInspection> {
  const { kind, location } = await locate(source, report);
  report.phase('reading tags and debian/changelog');
  const tags = (await listTags(location)).map(({ name }) => name);
  const commit =
    (tags[0] ? await commitOf(location, `refs/tags/${tags[0]}`) : null) ??
    (await commitOf(location, 'HEAD'));
  const changelog = commit ? await readChangelogAt(location, commit) : null;
  const debianFolder = commit ? await hasDebianFolder(location, commit) : false;
  const { recipe, note } = detectRecipe(debianFolder, changelog);
  const folderName = basename(kind === 'url' ? source.replace(/\/+$/, '') : location).replace(
    /\.git$/,
    '',
  );
  return {
    kind,
    location,
    tags,
    suggestedName: changelog?.source ?? (folderName || 'project'),
    debian: changelog,
    recipe,
    recipeNote: note,
  };
}
