import type { ResponseOf } from '../../../shared/api';
import { releaseFolder } from '../lib/project/releaseFolder';
import type { ChannelHandlers, ProjectContext } from '../lib/project/projectContext';
import { auditHistory } from '../audit/auditHistory';
import { verifyAuditHead } from '../audit/auditHead';
import { CountersignError, toAppError } from '../../../shared/errors';
import { verifyAndRecord } from './verifyAndRecord';
import { releasePublicKey, resolveVerifyTarget } from './verifyTarget';

/** Step 6's channels: QA's verification of apt-prod (or any apt repository), and a release's history. */
export function createVerifyHandlers({
  open,
  jobs,
}: ProjectContext): ChannelHandlers<'verify:repo' | 'audit:history'> {
  return {
    'verify:repo': async (request) => {
      const project = await open();
      // Resolved before the job starts: a refused keyring or repository answers at once.
      const target = await resolveVerifyTarget(project, request);
      const what = request.tag ? `against ${request.tag}` : 'without a review';
      return jobs.run('verify-repo', `Verify ${target.root} ${what}`, async (report) => {
        report.log(`checking signatures with ${target.keysFrom}`);
        return verifyAndRecord({
          root: target.root,
          keys: target.keys,
          ...(target.suite !== undefined ? { suite: target.suite } : {}),
          ...(target.reviewDir !== undefined ? { reviewDir: target.reviewDir } : {}),
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
        // The public part is enough to check a signature: no passphrase, and QA needs none.
        const keys = project.config.releaseKey ? [await releasePublicKey(project)] : [];
        const check = await verifyAuditHead(reviewDir, keys).catch((error: unknown) => {
          if (keys.length > 0) throw error;
          throw new CountersignError(
            'NO_RELEASE_KEY',
            'this project holds no release key to check it with (its public part is enough).',
          );
        });
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
