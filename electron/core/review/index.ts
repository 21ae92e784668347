/**
 * Step 4, Review: diffoscope explains every artifact that differs; reviewers
 * record a decision per difference, each in the audit log. The front door:
 * transports, other steps, benchmarks and fixtures import from here.
 */
export { createReviewHandlers } from './reviewHandlers';
export {
  reviewFolderVerdicts,
  type FolderArtifactVerdict,
  type FolderVerdicts,
  type RuleDecision,
} from './reviewFolderVerdicts';
export { explainPair, type PairExplanation } from './explainPair';
export { currentReviewerKey, importReviewerKey } from './reviewerSigning';
// For the benchmark of the first diff on screen, and fixtures that stand in for diffoscope's report.
export { memberDifferences } from '../lib/diffoscope/members/memberDifferences';
export { diffMemberPair } from '../lib/diffoscope/members/diffMemberPair';
export { reportFolder, saveReportTree } from '../lib/reviewFolder/reportStore';
