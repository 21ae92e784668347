import type { ResponseOf } from '../../../shared/api';
import { releaseFolder } from '../lib/project/releaseFolder';
import type { ChannelHandlers, ProjectContext } from '../lib/project/projectContext';
import { aptProdRootOf, projectReleaseKey } from '../promote/index';
import { auditHistory } from '../audit/auditHistory';
import { verifyAuditHead } from '../audit/auditHead';
import { toAppError } from '../../../shared/errors';
import { verifyAndRecord } from './verifyAndRecord';

/** Step 6's channels: QA's verification of apt-prod, and the release's history. */
export function createVerifyHandlers({
  open,
  jobs,
}: ProjectContext): ChannelHandlers<'verify:repo' | 'audit:history'> {
  return {
    'verify:repo': async ({ tag }) => {
      const project = await open();
      return jobs.run('verify-repo', `Verify apt-prod against ${tag}`, async (report) => {
        const reviewDir = await releaseFolder(project, tag);
        const key = await projectReleaseKey(project, new Date());
        return verifyAndRecord({
          root: aptProdRootOf(project),
          keys: [key.key.toPublic()],
          reviewDir,
          report,
          ...(report.signal ? { signal: report.signal } : {}),
        });
      });
    },

    'audit:history': async ({ tag }) => {
      const project = await open();
      const reviewDir = await releaseFolder(project, tag);
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
