import type { ArtifactComparison } from '../../../../shared/compare';
import type { PackageApprovals } from '../../../../shared/reviewers';
import { countApprovals, type LoadedReviewPolicy } from '../reviewers/index';
import { reviewerDecisions } from './decisions';
import { readSavedReport, reportFolder } from './reportStore';

/**
 * One artifact's approvals under a review policy, from what is on disk now:
 * the comparison's hashes, the saved report and its differences, and every
 * reviewer's decisions replayed from the audit log, signatures checked
 * against the pinned reviewers. A differing artifact without a report has
 * no difference anyone could have accepted: all its approvals are missing.
 */
export async function artifactApprovals(
  reviewDir: string,
  loaded: LoadedReviewPolicy,
  release: { project: string; tag: string },
  row: ArtifactComparison,
): Promise<PackageApprovals> {
  const identical = row.status === 'identical';
  const base = {
    ...release,
    key: row.key,
    name: row.name,
    ciSha256: row.ci?.sha256 ?? null,
    localSha256: row.local?.sha256 ?? null,
    identical,
  };
  if (identical) {
    const decisions = await reviewerDecisions(reviewDir, row.key, null, loaded.reviewers);
    return countApprovals(loaded, { ...base, reportSha256: null, differenceIds: [] }, decisions);
  }
  const saved = await readSavedReport(reportFolder(reviewDir, row.key));
  if (!saved) {
    const needed = loaded.policy.threshold;
    return { artifact: row.name, needed, approvedBy: [], missing: needed };
  }
  const differenceIds = saved.nodes
    .filter((node) => node.decidable && !node.explainedBy)
    .map((node) => node.id);
  const decisions = await reviewerDecisions(
    reviewDir,
    row.key,
    saved.reportSha256,
    loaded.reviewers,
  );
  return countApprovals(
    loaded,
    { ...base, reportSha256: saved.reportSha256, differenceIds },
    decisions,
  );
}
