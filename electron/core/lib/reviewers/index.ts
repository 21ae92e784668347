/**
 * Reviewers as people: a reviewer's own key (kept encrypted on their
 * machine), each decision signed by it over a canonical statement, checked
 * against the reviewers a project's policy pins, and counted k of n. A
 * library: the review and promote steps, review bundles and in-toto
 * approvals all use it; it imports no step.
 */
export {
  readReviewerKey,
  reviewerKeyInfo,
  type PersonalKeyRole,
  type ReviewerKey,
} from './reviewerKey';
export {
  loadReviewerKey,
  REBUILDER_KEY_FILE,
  REVIEWER_KEY_FILE,
  storeReviewerKey,
  withUnlockedReviewerKey,
} from './reviewerKeyStore';
export {
  DECISION_STATEMENT_TYPE,
  decisionStatement,
  statementBytes,
  type DecisionFacts,
} from './decisionStatement';
export { signDecision } from './signDecision';
export { verifySignedDecision, type DecisionCheck } from './verifySignedDecision';
export {
  loadReviewPolicy,
  unpinnedReviewer,
  type KnownReviewer,
  type LoadedReviewPolicy,
} from './knownReviewer';
export {
  checkDecisionEntry,
  logHasReviewerKey,
  replayDecisions,
  REVIEWER_KEY_ENTRY,
  reviewerDecisionView,
  reviewersInLog,
  type ReplayedDecision,
} from './replayDecisions';
export { countApprovals, type ApprovalTarget } from './countApprovals';
