/**
 * Step 6, Verify: QA checks the published repository against the review
 * record, link by link, and reads the release's hash-chained audit trail.
 * The front door: transports, benchmarks and fixtures import from here.
 */
export { verifyRepository, type VerifyRepositoryOptions } from './verifyRepository';
export { verifyAndRecord } from './verifyAndRecord';
export { checkReviewAudit, type AuditHeadOutcome, type ReviewAudit } from './checkReviewAudit';
export { createVerifyHandlers } from './verifyHandlers';
export { readKeyringFile } from '../lib/openpgp/readKeyringFile';
export type { AuditHeadCheck } from '../audit/auditHead';
export type { AuditHistory } from '../audit/auditHistory';
