import { stat } from 'node:fs/promises';
import type * as openpgp from 'openpgp';
import { dirname, join } from 'node:path';
import type { CompareResult } from '../../../shared/compare';
import { CountersignError } from '../../../shared/errors';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import { countersignHome } from '../lib/project/countersignHome';
import { releaseFolder } from '../lib/project/releaseFolder';
import { loadProject, type LoadedProject } from '../lib/project/projectStore';
import { appendAuditEntry } from '../audit/auditLog';
import { repositoryKeysOf, resolveSourceLocation, sourceKindOf } from './ciSourceSetup';
import { saveComparison } from '../lib/reviewFolder/compareStore';
import { compareSources, type CompareOptions } from './compareSources';
import { releaseSourceAt, versionMismatchIn } from './releaseSource';
import { versionMismatchSentence } from '../../../shared/compare';

/** The project's CI source with a relative path made absolute (beside project.json). */
export function ciLocationOf(project: LoadedProject): string {
  const ci = project.config.ci;
  if (!ci) {
    throw new CountersignError(
      'NO_CI_SOURCE',
      `The project ${project.config.name} does not say where CI's artifacts are.`,
      'Add "ci": { "source": "apt:PATH-OR-URL" | "FOLDER" | "ARCHIVE" } to project.json.',
    );
  }
  const base = dirname(project.file);
  return sourceKindOf(ci.source) === 'apt'
    ? `apt:${resolveSourceLocation(ci.source.slice('apt:'.length), base)}`
    : resolveSourceLocation(ci.source, base);
}

/**
 * Saves a comparison in the release's review folder and records it in the
 * audit log, bound to the saved file by its hash.
 */
export async function recordComparison(reviewDir: string, result: CompareResult): Promise<string> {
  const saved = await saveComparison(reviewDir, result);
  await appendAuditEntry(reviewDir, 'compare', {
    ci: result.ci.location,
    local: result.local.location,
    signedBy: result.ci.repository?.signedBy ?? [],
    summary: result.summary,
    identical: result.identical,
    file: 'compare.json',
    sha256: saved.sha256,
  });
  return saved.path;
}

/** What a caller may say instead of the project: another CI or local side, more keys, other index. */
export interface CompareOverrides {
  ci?: string;
  local?: string;
  /** Keys trusted for an apt side besides the project's repository keys. */
  extraKeys?: openpgp.PublicKey[];
  suite?: string;
  component?: string;
  architecture?: string;
  packages: string[];
}

/** A comparison, and where it was saved in the review folder. */
export interface RecordedComparison {
  result: CompareResult;
  savedTo: string;
}

/**
 * Step 3 for a release: the project's CI source against the release's local
 * rebuild (step 2's output), saved in the review folder and the audit log.
 * The UI and `countersign compare --project --tag` both come here, so both
 * refuse a release that was not rebuilt yet (NO_REBUILD) the same way.
 */
export async function compareRelease(
  project: LoadedProject,
  tag: string,
  overrides: CompareOverrides,
  report: JobReporter,
): Promise<CompareResult> {
  return (await compareAndRecord(project, tag, overrides, report)).result;
}

/** Step 3 for a project named by its file, as `countersign compare --project --tag` runs it. */
export async function compareProjectTag(
  projectFile: string,
  tag: string,
  overrides: CompareOverrides,
  report: JobReporter,
): Promise<RecordedComparison> {
  return compareAndRecord(await loadProject(projectFile), tag, overrides, report);
}

async function compareAndRecord(
  project: LoadedProject,
  tag: string,
  overrides: CompareOverrides,
  report: JobReporter,
): Promise<RecordedComparison> {
  const ci = overrides.ci ?? ciLocationOf(project);
  const reviewDir = await releaseFolder(project, tag);
  const local = overrides.local ?? join(reviewDir, 'rebuild');
  if (!overrides.local && !(await stat(join(local, 'buildinfo.json')).catch(() => null))) {
    throw new CountersignError(
      'NO_REBUILD',
      `${tag} has not been rebuilt yet, so there is nothing to compare CI's artifacts with.`,
      'Run step 2 (Rebuild) first.',
    );
  }
  const config = project.config.ci;
  // One release out of an apt repository that holds many: the binaries this tag's source builds.
  const source =
    overrides.packages.length === 0 && sourceKindOf(ci) === 'apt'
      ? await releaseSourceAt(project.repoPath, tag)
      : null;
  if (source) report.log(`CI's side: the packages built from ${source.name} ${source.version}`);
  // Keys given by the caller (the CLI's --apt-key) go through the same check as an explicit comparison.
  const compare = overrides.extraKeys ? compareArtifacts : compareSources;
  const trustedKeys = [...(await repositoryKeysOf(project)), ...(overrides.extraKeys ?? [])];
  const selection = aptSelection(overrides, config);
  const compared = await compare(ci, local, {
    apt: { trustedKeys, ...selection, ...(source ? { source } : {}) },
    packages: overrides.packages,
    downloadDir: join(reviewDir, 'ci-packages'),
    report,
  });
  // CI published nothing of this version: say which version it did publish, if any.
  const ciEmpty = compared.artifacts.every((artifact) => artifact.ci === null);
  const versionMismatch =
    source && ciEmpty
      ? await versionMismatchIn(
          ci.slice('apt:'.length),
          trustedKeys,
          selection,
          source,
          report.signal,
        )
      : null;
  // Nothing compared is not "identical": CI did not publish this release at all.
  const result = versionMismatch ? { ...compared, versionMismatch, identical: false } : compared;
  if (versionMismatch) report.log(versionMismatchSentence(versionMismatch));
  const savedTo = await recordComparison(reviewDir, result);
  report.log(
    `${result.summary.identical} identical, ${result.summary.differs} differ, ${result.summary.onlyCi} only in CI, ${result.summary.onlyLocal} only local`,
  );
  return { result, savedTo };
}

/** The suite, component and architecture to read: the caller's, else the project's. */
function aptSelection(
  overrides: CompareOverrides,
  config: LoadedProject['config']['ci'],
): { suite?: string; component?: string; architecture?: string } {
  const suite = overrides.suite ?? config?.suite;
  const component = overrides.component ?? config?.component;
  const architecture = overrides.architecture ?? config?.architecture;
  return {
    ...(suite ? { suite } : {}),
    ...(component ? { component } : {}),
    ...(architecture ? { architecture } : {}),
  };
}

/**
 * Two sides given explicitly, hashed and paired; an apt side is refused
 * before any download when no key is given to check its Release.
 */
export function compareArtifacts(
  ci: string,
  local: string,
  options: CompareOptions,
): Promise<CompareResult> {
  if (
    [ci, local].some((source) => sourceKindOf(source) === 'apt') &&
    options.apt.trustedKeys.length === 0
  ) {
    throw new CountersignError(
      'INVALID_REQUEST',
      'An apt source needs the key its Release must be signed by.',
      "Give --apt-key FILE (armored or binary, e.g. the repository's archive keyring).",
    );
  }
  return compareSources(ci, local, options);
}

/** Where packages fetched for a comparison outside any release are kept. */
export function downloadsFolder(): string {
  return join(countersignHome(), 'downloads', 'ci-packages');
}
