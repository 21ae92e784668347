import { appendAuditEntry } from '../audit/auditLog';
import type { RepositoryVerification } from '../../../shared/verify';
import { verifyRepository, type VerifyRepositoryOptions } from './verifyRepository';

/**
 * QA's verification of apt-prod; with a review folder it is also recorded in
 * that review's audit log (`verification`), whichever transport asked — the
 * UI's run and `countersign verify-repo --review` leave the same trace.
 */
export async function verifyAndRecord(
  options: VerifyRepositoryOptions,
): Promise<RepositoryVerification> {
  const result = await verifyRepository(options);
  if (options.reviewDir) {
    const packages = result.suites.flatMap((suite) => suite.packages);
    await appendAuditEntry(options.reviewDir, 'verification', {
      repo: result.root,
      status: result.status,
      verified: packages.filter((pkg) => pkg.status === 'verified').length,
      failed: packages.filter((pkg) => pkg.status === 'failed').length,
    });
  }
  return result;
}
