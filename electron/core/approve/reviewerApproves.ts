import type { CompareResult } from '../../../shared/compare';
import { readAuditEntries } from '../audit/auditLog';
import { readSavedReport, reportFolder } from '../lib/reviewFolder/reportStore';
import { countApprovals, replayDecisions, type LoadedReviewPolicy } from '../lib/reviewers/index';
import type { ReviewerApproves } from './approvalProducts';

/**
 * Whether one reviewer's own signed decisions approve an artifact, judged as
 * the promotion gate counts them (`countApprovals`): valid signatures by this
 * pinned, unrevoked reviewer over the bytes compared now and the report
 * read, accepting every difference still to decide (or, for an identical
 * artifact, approving it whole). Another reviewer's decisions never count
 * for this one.
 */
export function reviewerApproves(options: {
  reviewDir: string;
  project: string;
  tag: string;
  loaded: LoadedReviewPolicy;
  /** The reviewer's primary key fingerprint, upper-case. */
  fingerprint: string;
  comparison: CompareResult;
}): ReviewerApproves {
  const entries = readAuditEntries(options.reviewDir);
  return async (artifact) => {
    const identical = artifact.status === 'identical';
    const saved = identical
      ? null
      : await readSavedReport(reportFolder(options.reviewDir, artifact.key));
    if (!identical && !saved) return false;
    const reportSha256 = saved?.reportSha256 ?? null;
    // The differences a reviewer decides: those not proven to follow from others.
    const differenceIds = (saved?.nodes ?? [])
      .filter((node) => node.decidable && !node.explainedBy)
      .map((node) => node.id);
    const decisions = await replayDecisions(
      await entries,
      artifact.key,
      reportSha256,
      options.loaded.reviewers,
    );
    const approvals = countApprovals(
      options.loaded,
      {
        project: options.project,
        tag: options.tag,
        key: artifact.key,
        name: artifact.name,
        ciSha256: artifact.ci?.sha256 ?? null,
        localSha256: artifact.local?.sha256 ?? null,
        identical,
        reportSha256,
        differenceIds,
      },
      decisions,
    );
    return approvals.approvedBy.some(
      (approval) => approval.fingerprint === options.fingerprint && approval.notCounted === null,
    );
  };
}
