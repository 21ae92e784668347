import { dirname, resolve } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import type { ProjectSummary } from '../../../shared/project';
import { toAppError } from '../../../shared/errors';
import { resolveSourceLocation, sourceKindOf } from '../compare/index';
import { readPinnedKey } from '../lib/openpgp/pinnedKey';
import { releaseFolder } from '../lib/project/releaseFolder';
import type { LoadedProject } from '../lib/project/projectStore';
import { loadReleaseKey } from '../lib/openpgp/index';
import { verifyTag } from '../tag/index';
import type { PromotionSources, WithdrawalSources } from './promotionSources';
import { liveTagGate } from '../lib/reviewFolder/tagGate';

/** apt-prod's folder from project.json, made absolute beside it. */
export function aptProdRootOf(project: LoadedProject): string {
  const aptProd = project.config.aptProd;
  if (!aptProd) {
    throw new CountersignError(
      'NO_APT_PROD',
      `The project ${project.config.name} does not say where apt-prod is.`,
      'Add "aptProd": { "path": "FOLDER" } to project.json.',
    );
  }
  return resolveSourceLocation(aptProd.path, dirname(project.file));
}

/** The release key named by project.json, checked against its pin and judged at `date`. */
export function projectReleaseKey(project: LoadedProject, date: Date) {
  const pinned = project.config.releaseKey;
  if (!pinned) {
    throw new CountersignError(
      'NO_RELEASE_KEY',
      'No release key is imported into this project, so nothing can be signed.',
      'Import the release key (an armored, passphrase-protected private key) in the Promote step.',
    );
  }
  return loadReleaseKey(resolve(dirname(project.file), pinned.file), pinned.fingerprint, { date });
}

/** Everything a promotion of `tag` reads, from the project: apt-test is its CI source. */
export async function projectPromotionSources(
  project: LoadedProject,
  tag: string,
): Promise<PromotionSources> {
  const ci = project.config.ci;
  const aptTest = project.config.aptTest ?? (ci && sourceKindOf(ci.source) === 'apt' ? ci : null);
  if (!aptTest || sourceKindOf(aptTest.source) !== 'apt') {
    throw new CountersignError(
      'NOT_APT_SOURCE',
      'Packages are promoted from apt-test, and this project names none: its CI artifacts come from a folder or an archive.',
      'Add "aptTest": { "source": "apt:PATH-OR-URL", "repositoryKeys": [...] } to project.json (or make the CI source apt:), compare again, then promote.',
    );
  }
  const keys = await Promise.all(
    aptTest.repositoryKeys.map((pinned) => readPinnedKey(pinned, 'repository key', project.file)),
  );
  return {
    ...(await projectWithdrawalSources(project, tag)),
    aptTest: {
      root: resolveSourceLocation(aptTest.source.slice('apt:'.length), dirname(project.file)),
      keys,
      selection: {
        ...(aptTest.suite ? { suite: aptTest.suite } : {}),
        ...(aptTest.component ? { component: aptTest.component } : {}),
        ...(aptTest.architecture ? { architecture: aptTest.architecture } : {}),
      },
    },
    tagGate: async (rebuiltCommit) =>
      liveTagGate(
        await verifyTag({ repo: project.repoPath, tag, trustedKeys: project.trustedKeys }),
        rebuiltCommit,
      ),
    ...(project.reviewPolicy
      ? { review: { projectId: project.id, policy: project.reviewPolicy } }
      : {}),
    ...(project.config.rebuilders
      ? { rebuilders: { projectName: project.config.name, policy: project.config.rebuilders } }
      : {}),
  };
}

/** What a withdrawal from apt-prod reads, from the project: apt-prod, its release key, the review of `tag`. */
export async function projectWithdrawalSources(
  project: LoadedProject,
  tag: string,
): Promise<WithdrawalSources> {
  const settings = project.config.aptProd;
  return {
    tag,
    reviewDir: await releaseFolder(project, tag),
    aptProd: {
      root: aptProdRootOf(project),
      ...(settings?.suite ? { suite: settings.suite } : {}),
      ...(settings?.codename ? { codename: settings.codename } : {}),
      origin: settings?.origin ?? 'Countersign',
      label: settings?.label ?? 'Countersign',
      ...(settings?.validDays ? { validDays: settings.validDays } : {}),
      acquireByHash: settings?.acquireByHash ?? true,
      ...(settings?.url ? { url: settings.url } : {}),
    },
    releaseKey: (date) => projectReleaseKey(project, date),
  };
}

/** apt-prod and the release key as the UI shows them. */
export async function promotionSetup(
  project: LoadedProject,
): Promise<Pick<ProjectSummary, 'aptProd' | 'releaseKey'>> {
  const aptProd = project.config.aptProd ? { location: aptProdRootOf(project) } : null;
  if (!project.config.releaseKey) return { aptProd, releaseKey: null };
  try {
    const key = await projectReleaseKey(project, new Date());
    return { aptProd, releaseKey: { info: key.info, problem: null } };
  } catch (error) {
    return { aptProd, releaseKey: { info: null, problem: toAppError(error) } };
  }
}
