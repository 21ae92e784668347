import type { RequestOf, ResponseOf } from '../../../shared/api';
import type { JobRegistry } from '../lib/jobs/jobRegistry';
import { reviewFolder } from '../lib/project/countersignHome';
import type { LoadedProject } from '../lib/project/projectStore';
import { aptProdRootOf, projectReleaseKey } from '../promote/projectPromotion';
import { appendAuditEntry } from '../audit/auditLog';
import { auditHistory } from '../audit/auditHistory';
import { verifyAuditHead } from '../audit/auditHead';
import { toAppError } from '../../../shared/errors';
import { verifyRepository } from './verifyRepository';

type VerificationChannel = 'verify:repo' | 'audit:history';

export type VerificationApi = {
  [C in VerificationChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>>;
};

/** Step 6 for the UI and `serve`: QA's verification of apt-prod, and the release's history. */
export function createVerificationApi(
  open: () => Promise<LoadedProject>,
  jobs: JobRegistry,
): VerificationApi {
  return {
    'verify:repo': async ({ tag }) => {
      const project = await open();
      return jobs.run('verify-repo', `Verify apt-prod against ${tag}`, async (report) => {
        const reviewDir = reviewFolder(project.config.name, tag);
        const key = await projectReleaseKey(project, new Date());
        const result = await verifyRepository({
          root: aptProdRootOf(project),
          keys: [key.key.toPublic()],
          reviewDir,
          report,
          ...(report.signal ? { signal: report.signal } : {}),
        });
        const packages = result.suites.flatMap((suite) => suite.packages);
        await appendAuditEntry(reviewDir, 'verification', {
          repo: result.root,
          status: result.status,
          verified: packages.filter((pkg) => pkg.status === 'verified').length,
          failed: packages.filter((pkg) => pkg.status === 'failed').length,
        });
        return result;
      });
    },

    'audit:history': async ({ tag }) => {
      const project = await open();
      const reviewDir = reviewFolder(project.config.name, tag);
      const history = await auditHistory(reviewDir);
      let head: ResponseOf<'audit:history'>['head'] = null;
      try {
        const key = await projectReleaseKey(project, new Date());
        const check = await verifyAuditHead(reviewDir, [key.key.toPublic()]);
        if (check.signed) {
          head = {
            verified: true,
            signedAt: check.head.signedAt,
            signedBy: check.signedBy,
            appendedAfter: check.appendedAfter,
            problem: null,
          };
        }
      } catch (error) {
        head = {
          verified: false,
          signedAt: null,
          signedBy: [],
          appendedAfter: 0,
          problem: toAppError(error).message,
        };
      }
      return { items: history.items, chain: history.chain, head };
    },
  };
}
