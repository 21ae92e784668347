import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type * as openpgp from 'openpgp';
import { CountersignError } from '../../../../shared/errors';
import { projectConfigSchema, type ProjectConfig } from '../../../../shared/project';
import { writeFileAtomic } from '../fs/atomicWrite';
import { readPinnedKey } from '../openpgp/pinnedKey';
import { loadReviewPolicy, type LoadedReviewPolicy } from '../reviewers/knownReviewer';
import { impliedProjectId } from './projectIdentity';

/** A project as loaded from project.json, with its trust list read and its pins checked. */
export interface LoadedProject {
  file: string;
  /** The identity its review folders are kept under: project.json's, or implied by where it is. */
  id: string;
  config: ProjectConfig;
  repoPath: string;
  trustedKeys: openpgp.PublicKey[];
  /** project.json's review policy, each pinned reviewer's key checked against its pin; absent without one. */
  reviewPolicy?: LoadedReviewPolicy;
  /**
   * A review bundle opened on this machine stands in for a project: its one
   * release's review folder is this, and no other release exists.
   */
  openedBundle?: { reviewDir: string; tag: string };
}

/** Reads project.json; refuses a file that is not a valid project or whose keys do not match their pins. */
export async function loadProject(file: string): Promise<LoadedProject> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new CountersignError(
      'PROJECT_UNREADABLE',
      `The project file ${JSON.stringify(file)} cannot be read.`,
      'Check the path, or create a sample project with: countersign demo --dir DIR',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CountersignError('INVALID_PROJECT', `${file} is not valid JSON.`);
  }
  const parsed = projectConfigSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CountersignError(
      'INVALID_PROJECT',
      `${file} is not a valid Countersign project: ${first ? `${first.path.join('.')}: ${first.message}` : 'invalid'}.`,
    );
  }
  const config = parsed.data;
  const trustedKeys: openpgp.PublicKey[] = [];
  for (const signer of config.trustedSigners) {
    trustedKeys.push(await readPinnedKey(signer, 'trusted key', file));
  }
  const reviewPolicy = config.reviewPolicy
    ? await loadReviewPolicy(config.reviewPolicy, file)
    : undefined;
  const repo = config.source.repo;
  return {
    file: path,
    id: config.id ?? impliedProjectId(config.name, path),
    config,
    repoPath: isAbsolute(repo) ? repo : resolve(dirname(path), repo),
    trustedKeys,
    ...(reviewPolicy ? { reviewPolicy } : {}),
  };
}

export async function saveProject(file: string, config: ProjectConfig): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(projectConfigSchema.parse(config), null, 2)}\n`);
}
