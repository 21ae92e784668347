import { stat } from 'node:fs/promises';
import { CountersignError } from '../../../shared/errors';
import { runGit } from '../lib/git/runGit';

/** What the repository holds under refs/tags/<name>. */
export type TagRecord =
  | { kind: 'lightweight'; target: string; targetType: string; commit: string | null }
  | { kind: 'annotated'; tagObject: string; raw: Buffer; commit: string | null };

async function git(repo: string, args: string[]) {
  try {
    return await runGit(['-C', repo, ...args]);
  } catch (error) {
    throw new CountersignError(
      'TOOL_MISSING',
      'git could not be started.',
      `Install git (apt-get install git). ${error instanceof Error ? error.message : ''}`.trim(),
    );
  }
}

/** Refuses a path that is not a readable git repository, naming what is wrong. */
export async function assertRepository(repo: string): Promise<void> {
  const info = await stat(repo).catch(() => null);
  if (!info?.isDirectory()) {
    throw new CountersignError(
      'REPO_UNREADABLE',
      `The source repository ${JSON.stringify(repo)} does not exist or is not a folder.`,
      'Check the repository path in the project settings or on the command line.',
    );
  }
  const result = await git(repo, ['rev-parse', '--git-dir']);
  if (result.code !== 0) {
    throw new CountersignError(
      'REPO_UNREADABLE',
      `${JSON.stringify(repo)} is not a git repository Countersign can read.`,
      result.stderr.trim().split('\n')[0] ?? undefined,
    );
  }
}

async function commitOf(repo: string, object: string): Promise<string | null> {
  const peeled = await git(repo, ['rev-parse', '--verify', '--quiet', `${object}^{commit}`]);
  return peeled.code === 0 ? peeled.stdout.toString('utf8').trim() : null;
}

/** Reads refs/tags/<name> and, for an annotated tag, its raw object bytes. */
export async function readTag(repo: string, name: string): Promise<TagRecord> {
  await assertRepository(repo);
  const ref = await git(repo, ['rev-parse', '--verify', '--quiet', `refs/tags/${name}`]);
  if (ref.code !== 0) {
    throw new CountersignError(
      'TAG_NOT_FOUND',
      `The repository has no tag named ${JSON.stringify(name)}.`,
      'Fetch the tags (git fetch --tags) or check the name.',
    );
  }
  const oid = ref.stdout.toString('utf8').trim();
  const typeResult = await git(repo, ['cat-file', '-t', oid]);
  const type = typeResult.stdout.toString('utf8').trim();
  if (type !== 'tag') {
    return {
      kind: 'lightweight',
      target: oid,
      targetType: type,
      commit: await commitOf(repo, oid),
    };
  }
  const raw = await git(repo, ['cat-file', 'tag', oid]);
  if (raw.code !== 0) {
    throw new CountersignError(
      'REPO_UNREADABLE',
      `The tag object ${oid} could not be read.`,
      raw.stderr.trim(),
    );
  }
  return { kind: 'annotated', tagObject: oid, raw: raw.stdout, commit: await commitOf(repo, oid) };
}

/** Lists the repository's tags, telling annotated from lightweight. */
export async function listTags(repo: string): Promise<Array<{ name: string; annotated: boolean }>> {
  await assertRepository(repo);
  const result = await git(repo, [
    'for-each-ref',
    '--sort=-creatordate',
    '--format=%(objecttype) %(refname:strip=2)',
    'refs/tags',
  ]);
  return result.stdout
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const space = line.indexOf(' ');
      return { name: line.slice(space + 1), annotated: line.slice(0, space) === 'tag' };
    });
}
