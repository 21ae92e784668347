import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import {
  buildInfoSchema,
  type RebuildResult,
  type RebuildSetup,
  type RebuildSummary,
} from '../../../shared/rebuild';
import { readJsonFile } from '../lib/fs/readJsonFile';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import { releaseFolder } from '../lib/project/releaseFolder';
import { appendAuditEntry } from '../audit/auditLog';
import type { LoadedProject } from '../lib/project/projectStore';
import { verifyTag } from '../tag/index';
import { recordTagVerified } from '../lib/reviewFolder/tagGate';
import { bootstrapTag } from '../lib/docker/baseImage';
import { VARIED_BUILD } from './buildVariation';
import { compareRebuilds } from './compareRebuilds';
import { rebuildRelease } from './rebuildRelease';

/** The recipe and the image it will use, for the UI to show before a rebuild. */
export function rebuildSetup(project: LoadedProject): RebuildSetup | null {
  const recipe = project.config.rebuild;
  if (!recipe) return null;
  const image = recipe.base.kind === 'image' ? recipe.base.image : bootstrapTag(recipe.base);
  return { recipe, image };
}

/**
 * Rebuilds a release for the UI: only after its tag verifies, into the
 * release's review folder, optionally a second time varied to check that the
 * build is reproducible.
 */
export async function rebuildVerifiedTag(
  project: LoadedProject,
  tag: string,
  checkReproducible: boolean,
  report: JobReporter,
  /** Where the reference build lands (the varied one beside it); default: the release's review folder. */
  into?: string,
): Promise<RebuildResult> {
  const recipe = project.config.rebuild;
  if (!recipe) {
    throw new CountersignError(
      'NO_RECIPE',
      `The project ${project.config.name} has no rebuild recipe.`,
    );
  }
  const verdict = await verifyTag({
    repo: project.repoPath,
    tag,
    trustedKeys: project.trustedKeys,
  });
  if (verdict.verdict !== 'verified' || !verdict.commit) {
    throw new CountersignError(
      'TAG_NOT_VERIFIED',
      `The tag ${tag} does not verify, so it is not rebuilt.`,
      verdict.problems.map((problem) => `${problem.code}: ${problem.message}`).join(' '),
    );
  }
  const reviewDir = await releaseFolder(project, tag);
  const outDir = into ?? join(reviewDir, 'rebuild');
  await recordTagVerified(reviewDir, verdict);
  const commit = verdict.commit;
  const image = rebuildSetup(project)?.image ?? '';
  const recipeSha256 = createHash('sha256').update(JSON.stringify(recipe), 'utf8').digest('hex');
  const build = async (
    variation: 'reference' | 'varied',
    run: () => ReturnType<typeof rebuildRelease>,
  ) => {
    await appendAuditEntry(reviewDir, 'rebuild-started', {
      tag,
      commit,
      variation,
      image,
      recipeSha256,
    });
    const built = await run();
    await appendAuditEntry(reviewDir, 'rebuild-finished', {
      tag,
      commit,
      variation,
      image: built.buildInfo.image,
      sourceDateEpoch: built.buildInfo.sourceDateEpoch,
      artifacts: built.buildInfo.artifacts.map(({ name, sha256, size }) => ({
        name,
        sha256,
        size,
      })),
    });
    return built;
  };
  const base = {
    repo: project.repoPath,
    tag,
    commit: verdict.commit,
    recipe,
    report,
    ...(report.signal ? { signal: report.signal } : {}),
  };
  const reference = await build('reference', () => rebuildRelease({ ...base, outDir }));
  if (!checkReproducible) {
    return {
      reference: {
        variation: 'reference',
        outDir: reference.outDir,
        buildInfo: reference.buildInfo,
      },
      varied: null,
      reproducibility: null,
    };
  }
  report.log('Building again with another path, time zone, locale, umask and hostname');
  const varied = await build('varied', () =>
    rebuildRelease({ ...base, outDir: `${outDir}-varied`, variation: VARIED_BUILD }),
  );
  return {
    reference: { variation: 'reference', outDir: reference.outDir, buildInfo: reference.buildInfo },
    varied: { variation: 'varied', outDir: varied.outDir, buildInfo: varied.buildInfo },
    reproducibility: compareRebuilds(reference.buildInfo.artifacts, varied.buildInfo.artifacts),
  };
}

/** The finished rebuilds kept in a release's review folder, newest first. */
export async function listRebuilds(project: LoadedProject, tag: string): Promise<RebuildSummary[]> {
  const folder = await releaseFolder(project, tag);
  const found: RebuildSummary[] = [];
  for (const [name, variation] of [
    ['rebuild', 'reference'],
    ['rebuild-varied', 'varied'],
  ] as const) {
    const buildInfo = await readJsonFile(join(folder, name, 'buildinfo.json'), buildInfoSchema);
    if (buildInfo) found.push({ variation, outDir: join(folder, name), buildInfo });
  }
  return found.sort((a, b) => b.buildInfo.finishedAt.localeCompare(a.buildInfo.finishedAt));
}
