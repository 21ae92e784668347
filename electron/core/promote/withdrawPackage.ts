import { CountersignError } from '../../../shared/errors';
import {
  withdrawalRequestSchema,
  type WithdrawalRequest,
  type WithdrawalResult,
} from '../../../shared/promote';
import { planPublication, publish, readPublications } from '../publish/index';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import { appendAuditEntry, brokenChain, checkAuditChain } from '../audit/auditLog';
import { signAuditHead } from '../audit/auditHead';
import { signDetached } from '../lib/openpgp/signDetached';
import { signRelease } from '../lib/openpgp/signRelease';
import { withUnlockedKey } from '../lib/openpgp/unlockReleaseKey';
import { layoutFor, publicationSummary } from './planPromotion';
import type { WithdrawalSources } from './promotionSources';

/** The request checked as the contract checks it: the CLI reaches here without a transport. */
function checkedRequest(request: WithdrawalRequest): WithdrawalRequest {
  const parsed = withdrawalRequestSchema.safeParse(request);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') ?? 'request';
  throw new CountersignError(
    'INVALID_REQUEST',
    field === 'reason'
      ? 'A withdrawal needs a reason (at most 2,000 characters): it is what the audit log keeps.'
      : `The withdrawal's ${field} is not valid: ${issue?.message ?? 'invalid'}.`,
    'Say why the package leaves apt-prod, e.g. the blocking difference a reviewer found.',
  );
}

/**
 * Takes a package apt-prod already serves out of it, for a package blocked
 * after it was published: every version and architecture of it leaves the
 * suite in a new publication signed with the release key, switched in
 * atomically as any publication is; the one that served it is kept, so a
 * rollback serves it again. Refused before the key is unlocked when apt-prod
 * does not serve it (PACKAGE_NOT_FOUND), the reason is empty, or the
 * review's audit log is broken. The withdrawal, with its reason, and a wrong
 * passphrase (`signing-refused`) land in the review's audit log, whose head is
 * then signed again.
 */
export async function withdrawPackage(
  sources: WithdrawalSources,
  request: WithdrawalRequest,
  report: JobReporter,
  date: Date = new Date(),
): Promise<WithdrawalResult> {
  const { tag, package: name, reason, passphrase } = checkedRequest(request);
  const root = sources.aptProd.root;
  // Checked before apt-prod changes: a withdrawal that could not be recorded must not happen.
  const chain = await checkAuditChain(sources.reviewDir);
  if (!chain.intact) throw brokenChain(sources.reviewDir, chain);
  const served = await readPublications(root);
  if (!served.current) {
    throw new CountersignError(
      'PACKAGE_NOT_FOUND',
      `apt-prod serves no Countersign publication yet, so there is no ${JSON.stringify(name)} to withdraw.`,
    );
  }
  const layout = layoutFor(sources.aptProd, { suite: served.current.suite }, null);
  const key = await sources.releaseKey(date);
  const options = {
    date,
    remove: [{ package: name }],
    // What apt-prod serves must verify with the release key, and so must what replaces it.
    releaseKeys: [key.key.toPublic()],
  };
  report.phase('plan apt-prod', { done: 0, total: 1, unit: 'steps' });
  // Planned first: a package apt-prod does not serve is refused before the passphrase is tried.
  await planPublication(root, layout, [], options);
  report.log(
    `Signing with ${key.info.signingKey.algorithm} key ${key.info.signingKey.fingerprint} (${key.info.userIds[0] ?? 'no user ID'})`,
  );
  let unlockedOnce = false;
  return withUnlockedKey(key, passphrase, async (unlocked) => {
    unlockedOnce = true;
    const published = await publish(root, layout, [], {
      ...options,
      sign: (text) => signRelease(unlocked, text, date),
      tag,
      report,
      ...(report.signal ? { signal: report.signal } : {}),
    });
    const after = await readPublications(root);
    const publication = {
      id: published.publicationId,
      publishedAt: date.toISOString(),
      tag,
      releaseSha256: published.releaseSha256,
    };
    const withdrawn = published.removed;
    await appendAuditEntry(sources.reviewDir, 'withdrawal', {
      tag,
      to: root,
      package: name,
      versions: [...new Set(withdrawn.map((pkg) => pkg.version))],
      architectures: [...new Set(withdrawn.map((pkg) => pkg.architecture))],
      // The bytes that left apt-prod: verification expects them absent, even though attested.
      withdrawn,
      reason,
      publication: publication.id,
      previous: published.previousId,
      releaseSha256: published.releaseSha256,
      signedBy: key.info.signingKey.fingerprint,
    });
    await signAuditHead(
      sources.reviewDir,
      (text) => signDetached(unlocked, new TextEncoder().encode(text), date),
      date,
      key.info.signingKey.fingerprint,
    );
    report.log(`apt-prod now serves publication ${publication.id}, without ${name}`);
    return {
      publication,
      previous: after.current?.id === publication.id ? publicationSummary(after.previous) : null,
      withdrawn,
      signedBy: key.info.signingKey.fingerprint,
    };
  }).catch(async (error: unknown) => {
    // As at promotion: who tried to sign a withdrawal, with which key, when; never the passphrase.
    if (!unlockedOnce && error instanceof CountersignError && error.code === 'WRONG_PASSPHRASE') {
      await appendAuditEntry(sources.reviewDir, 'signing-refused', {
        tag,
        to: root,
        withdraw: name,
        key: key.info.fingerprint,
        signingKey: key.info.signingKey.fingerprint,
        reason: error.message,
      });
    }
    throw error;
  });
}
