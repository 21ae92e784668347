import { existsSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import type { ProjectConfig } from '../../../shared/project';
import type { RebuildRecipe } from '../../../shared/rebuild';
import { initProjectRequestSchema, type InitProjectRequest } from '../../../shared/projectSetup';
import { cloneMirror, isRepositoryUrl } from '../lib/git/mirror';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import { fingerprintOf } from '../lib/openpgp/keyFacts';
import { newProjectId } from '../lib/project/projectIdentity';
import { saveProject } from '../lib/project/projectStore';
import { assertIdentityFree } from '../lib/project/releaseFolder';
import { checkCiSource } from './checkCiSource';
import { inspectSource } from './inspectSource';
import { readKeySources } from './readKeySources';

export const PROJECT_FILE = 'project.json';
/** The bare mirror of a source set up from a URL, inside the project folder. */
const MIRROR_FOLDER = 'source.git';

/** A path as project.json keeps it: relative when inside the project folder, else absolute. */
function stored(path: string, projectDir: string): string {
  const inside = relative(projectDir, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

async function pinsOf(sources: InitProjectRequest['signers']) {
  const keys = await readKeySources(sources);
  return keys.map((key) => ({ fingerprint: fingerprintOf(key), publicKey: key.armor() }));
}

/** The detected recipe on another base suite, when one is asked for. */
function withBaseSuite(recipe: RebuildRecipe | null, suite: string | undefined) {
  if (!recipe) return undefined;
  if (!suite || recipe.base.kind !== 'bootstrap') return recipe;
  return { ...recipe, base: { ...recipe.base, suite } };
}

async function assertNoProjectIn(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (info && !info.isDirectory()) {
    throw new CountersignError(
      'INVALID_REQUEST',
      `The project folder ${JSON.stringify(dir)} is a file.`,
      'Give a folder (it is made if absent).',
    );
  }
  if (existsSync(join(dir, PROJECT_FILE))) {
    throw new CountersignError(
      'PROJECT_EXISTS',
      `${JSON.stringify(dir)} already holds a project (${PROJECT_FILE}).`,
      'Open it instead, or choose an empty or new folder for this project.',
    );
  }
}

/**
 * Sets up a project: every answer checked first (the source is a git
 * repository or a URL that mirrors, the keys are OpenPGP public keys, CI's apt
 * Release verifies, the folder holds no project and the identity is free),
 * then the folder, the mirror, apt-prod's folder and project.json are written.
 * A failure on the way removes what this call made: nothing half-made stays.
 * Relative paths are read against `baseDir`.
 */
export async function initProject(
  input: InitProjectRequest,
  report: JobReporter,
  baseDir: string = process.cwd(),
): Promise<{ projectFile: string; config: ProjectConfig }> {
  const request = initProjectRequestSchema.parse(input);
  const dir = resolve(baseDir, request.dir);
  const projectFile = join(dir, PROJECT_FILE);
  await assertNoProjectIn(dir);
  if (request.id) await assertIdentityFree(request.id, projectFile);

  report.phase('checking the source');
  const source = await inspectSource(
    isRepositoryUrl(request.source) ? request.source : resolve(baseDir, request.source),
    report,
  );
  const name = request.name ?? source.suggestedName;
  const id = request.id ?? newProjectId(name);
  report.phase('reading the trusted signers');
  const trustedSigners = await pinsOf(request.signers);
  const ci = request.ci;
  let ciConfig: ProjectConfig['ci'];
  if (ci) {
    report.phase("checking CI's source");
    const checked = await checkCiSource(ci, baseDir, report);
    ciConfig = {
      source: checked.kind === 'apt' ? `apt:${checked.location}` : checked.location,
      repositoryKeys: ci.keys.length > 0 ? await pinsOf(ci.keys) : [],
      ...(ci.suite ? { suite: ci.suite } : {}),
      ...(ci.component ? { component: ci.component } : {}),
      ...(ci.architecture ? { architecture: ci.architecture } : {}),
    };
  }
  const rebuild = request.rebuild ?? withBaseSuite(source.recipe, request.baseSuite);

  const made: string[] = [];
  const makeFolder = async (path: string) => {
    if (existsSync(path)) return;
    await mkdir(path, { recursive: true });
    made.push(path);
  };
  try {
    await makeFolder(dir);
    let repo = source.location;
    if (source.kind === 'url') {
      report.phase('mirroring the source into the project folder');
      repo = join(dir, MIRROR_FOLDER);
      await cloneMirror(source.location, repo);
      made.push(repo);
    }
    let aptProd: ProjectConfig['aptProd'];
    if (request.aptProd) {
      const path = resolve(baseDir, request.aptProd.path);
      await makeFolder(path);
      aptProd = {
        path: stored(path, dir),
        origin: request.aptProd.origin ?? name,
        label: request.aptProd.label ?? name,
        acquireByHash: true,
        ...(request.aptProd.suite ? { suite: request.aptProd.suite } : {}),
        ...(request.aptProd.url ? { url: request.aptProd.url } : {}),
      };
    }
    const config: ProjectConfig = {
      id,
      name,
      source: {
        repo: stored(repo, dir),
        ...(source.kind === 'url' ? { url: request.source } : {}),
      },
      trustedSigners,
      ...(rebuild ? { rebuild } : {}),
      ...(ciConfig ? { ci: ciConfig } : {}),
      ...(aptProd ? { aptProd } : {}),
    };
    report.phase(`writing ${projectFile}`);
    await saveProject(projectFile, config);
    return { projectFile, config };
  } catch (error) {
    for (const path of made.reverse()) await rm(path, { recursive: true, force: true });
    throw error;
  }
}
