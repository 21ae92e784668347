/**
 * Reviewers' approvals anyone can check with stock tools (issue 17, point 4):
 * a reviewer's sign-off as an in-toto v0.9 link for the step `approve`,
 * signed with their own key and kept in the release's review folder; and,
 * at promotion, the layout signed by the release key with the links that
 * cover exactly what was promoted, for Debian's `in-toto-verify`.
 * The front door: transports, other steps and fixtures import from here.
 * Format and outsider's recipe: docs/attestations.md.
 */
export { approvedProducts, debFileName, type ReviewerApproves } from './approvalProducts';
export {
  APPROVE_PRODUCTS,
  buildApprovalLayout,
  DEFAULT_LAYOUT_DAYS,
  layoutReviewers,
  signApprovalLayout,
} from './approvalLayout';
export { inTotoSigningKey, reviewerSigner, type ReviewerSigner } from './reviewerSigner';
export { selectApprovals, type ApprovalSelection } from './selectApprovals';
export { APPROVALS_FOLDER, signOff, type SignOffOptions } from './signOff';
export {
  IN_TOTO_FOLDER,
  LAYOUT_FILE,
  RELEASE_KEY_FILE,
  writeApprovals,
  type WriteApprovalsOptions,
  type WrittenApprovals,
} from './writeApprovals';
export { createApproveHandlers } from './approveHandlers';
export { signOffRelease } from './projectSignOff';
export { reviewerApproves } from './reviewerApproves';
