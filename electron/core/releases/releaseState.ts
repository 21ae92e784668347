import { existsSync } from 'node:fs';
import { comparisonCounts } from '../../../shared/artifactCounts';
import type { AuditEntry } from '../../../shared/audit';
import type { CompareResult } from '../../../shared/compare';
import type { ReleaseState } from '../../../shared/releases';
import { brokenChain, inspectAuditLog } from '../audit/auditLog';
import { reviewFolder } from '../lib/project/countersignHome';
import type { LoadedProject } from '../lib/project/projectStore';
import { foreignLegacyFolder } from '../lib/project/releaseFolder';
import { readSavedComparison } from '../lib/reviewFolder/compareStore';
import { auditProgress } from './auditProgress';
import { NOTHING_DONE, nextStep } from './nextStep';
import { rebuiltState } from './rebuiltState';
import { reviewedState } from './reviewedState';
import { tagVersion } from './tagVersion';

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The entries of the log a person can trust (those before a break), and what is wrong with it. */
async function trustedEntries(
  folder: string,
): Promise<{ entries: AuditEntry[]; problem: string | null }> {
  try {
    const { lines, state } = await inspectAuditLog(folder);
    const entries = lines
      .slice(0, state.entries)
      .map(({ entry }) => entry)
      .filter((entry) => entry !== null);
    return { entries, problem: state.intact ? null : brokenChain(folder, state).message };
  } catch (error) {
    return {
      entries: [],
      problem: `The audit log of this release cannot be read: ${reason(error)}`,
    };
  }
}

/** The comparison's counts as every step counts them: from its rows, not the summary saved beside them. */
function comparedState(comparison: CompareResult): NonNullable<ReleaseState['compared']> {
  const counts = comparisonCounts(comparison);
  return {
    at: comparison.comparedAt,
    identical: counts.identical,
    differ: counts.differs,
    onlyCi: counts.onlyCi,
    onlyLocal: counts.onlyLocal,
  };
}

/**
 * How far one release got, read from its review folder and audit log without
 * writing anything: a release never touched has no folder, and none is made
 * for it (`releaseFolder` would claim and adopt; this only looks). A broken
 * audit log is a notice; its entries before the break still count, but no
 * review decision is trusted from it.
 */
export async function releaseState(
  project: LoadedProject,
  tag: string,
  taggedAt: string | null,
): Promise<ReleaseState> {
  const named = { tag, ...tagVersion(tag), taggedAt };
  const folder = reviewFolder(project.id, tag);
  if (!existsSync(folder)) {
    const foreign = await foreignLegacyFolder(project, tag).catch(() => null);
    return {
      ...named,
      ...NOTHING_DONE,
      next: nextStep(NOTHING_DONE),
      notice: foreign
        ? `A review folder of this tag kept under the project's name belongs to another project and was left alone: ${foreign.reason}`
        : null,
    };
  }
  const notices: string[] = [];
  const log = await trustedEntries(folder);
  if (log.problem) notices.push(log.problem);
  const comparison = await readSavedComparison(folder);
  let reviewed: ReleaseState['reviewed'] = null;
  if (comparison && !log.problem) {
    const gate = project.reviewPolicy
      ? { policy: project.reviewPolicy, release: { project: project.id, tag } }
      : null;
    reviewed = await reviewedState(folder, comparison, gate).catch((error: unknown) => {
      notices.push(`The review's decisions cannot be read: ${reason(error)}`);
      return null;
    });
  }
  const parts = {
    ...auditProgress(tag, log.entries),
    rebuilt: await rebuiltState(folder),
    compared: comparison ? comparedState(comparison) : null,
    reviewed,
  };
  return { ...named, ...parts, next: nextStep(parts), notice: notices.join(' ') || null };
}
