import { CountersignError } from '../../../shared/errors';
import type { PromotionResult, RunPromotionRequest } from '../../../shared/promote';
import { publish } from '../publish/index';
import type { JobReporter } from '../lib/jobs/jobRegistry';
import { appendAuditEntry } from '../audit/auditLog';
import { signAuditHead } from '../audit/auditHead';
import { signDetached } from '../lib/openpgp/signDetached';
import { signRelease } from '../lib/openpgp/signRelease';
import { withUnlockedKey } from '../lib/openpgp/unlockReleaseKey';
import { signDetachedArtifacts } from './signDetachedArtifacts';
import { preparePromotion } from './planPromotion';
import { publishAttestations } from './publishAttestations';
import { publishApprovals } from './publishApprovals';
import { publishRebuilderTree } from '../rebuilderLinks/index';
import type { PromotionSources } from './promotionSources';

/**
 * Promotes what the user saw in the plan, or nothing: the plan is computed
 * again and must carry the same digest, every selected package must pass the
 * gate, and the passphrase must unlock the release key, all before apt-prod
 * is touched. The refusal, or the publication, lands in the audit log.
 */
export async function runPromotion(
  sources: PromotionSources,
  request: RunPromotionRequest,
  report: JobReporter,
): Promise<PromotionResult> {
  const { passphrase, planDigest, ...planRequest } = request;
  const prepared = await preparePromotion(sources, planRequest, report);
  const { plan } = prepared;
  if (plan.planDigest !== planDigest) {
    throw new CountersignError(
      'PLAN_CHANGED',
      'What would be published has changed since the plan was shown (apt-test, apt-prod, the review or the key).',
      'Look at the new plan and promote again.',
    );
  }
  if (!plan.canPromote) {
    await appendAuditEntry(sources.reviewDir, 'promotion-refused', {
      tag: plan.tag,
      to: plan.to,
      blockers: plan.blockers,
    });
    throw new CountersignError(
      'PROMOTION_REFUSED',
      `Nothing was promoted: ${plan.blockers.join(' ')}`,
      'Resolve what the plan lists (review, compare or verify again), then promote.',
    );
  }
  const key = await sources.releaseKey(prepared.date);
  let unlockedOnce = false;
  report.log(
    `Signing with ${key.info.signingKey.algorithm} key ${key.info.signingKey.fingerprint} (${key.info.userIds[0] ?? 'no user ID'})`,
  );
  return withUnlockedKey(key, passphrase, async (unlocked) => {
    unlockedOnce = true;
    // Only CI's other files to sign: apt-prod keeps serving what it serves.
    const published =
      prepared.add.length === 0 && plan.current
        ? {
            publicationId: plan.current.id,
            previousId: plan.previous?.id ?? null,
            releaseSha256: plan.current.releaseSha256 ?? '',
          }
        : await publish(sources.aptProd.root, prepared.layout, prepared.add, {
            sign: (text) => signRelease(unlocked, text, prepared.date),
            date: prepared.date,
            allowDowngrade: request.allowDowngrade ?? false,
            // What apt-prod serves must verify with the release key, and so must what replaces it.
            releaseKeys: [key.key.toPublic()],
            tag: plan.tag,
            report,
            ...(report.signal ? { signal: report.signal } : {}),
          });
    const detachedFiles = await signDetachedArtifacts(
      sources.aptProd.root,
      plan.tag,
      prepared.detachedFiles,
      unlocked,
      prepared.date,
    );
    const publication =
      prepared.add.length === 0 && plan.current
        ? plan.current
        : {
            id: published.publicationId,
            publishedAt: prepared.date.toISOString(),
            tag: plan.tag,
            releaseSha256: published.releaseSha256,
          };
    await appendAuditEntry(sources.reviewDir, 'promotion', {
      tag: plan.tag,
      from: plan.from,
      to: plan.to,
      publication: publication.id,
      previous: published.previousId,
      releaseSha256: published.releaseSha256,
      signedBy: key.info.signingKey.fingerprint,
      planDigest: plan.planDigest,
      packages: plan.changes.map((change) => ({
        action: change.action,
        package: change.package,
        version: change.version,
        architecture: change.architecture,
        component: change.component,
        sha256: change.sha256,
        evidence: change.evidence,
      })),
      detached: detachedFiles,
      // What an attestation of each signed file states: its name and the bytes compared.
      files: prepared.detachedFiles.map(({ name, sha256 }) => ({ name, sha256 })),
    });
    const attestations = await publishAttestations(
      sources.aptProd.root,
      sources.aptProd.url,
      sources.reviewDir,
      plan.tag,
      unlocked,
      prepared.date,
      report,
    );
    attestations.push(
      ...(await publishApprovals({
        root: sources.aptProd.root,
        reviewDir: sources.reviewDir,
        projectName: sources.review?.projectId ?? '',
        tag: plan.tag,
        policy: sources.review?.policy.policy,
        promoted: plan.changes,
        unlocked,
        date: prepared.date,
        report,
      })),
    );
    attestations.push(
      ...(await publishRebuilderTree({
        root: sources.aptProd.root,
        reviewDir: sources.reviewDir,
        projectName: sources.rebuilders?.projectName ?? '',
        tag: plan.tag,
        policy: sources.rebuilders?.policy,
        promoted: plan.changes,
        unlocked,
        date: prepared.date,
        report,
      })),
    );
    // The log's head, promotion and attestations included, signed: a later reader can tell it was not rewritten.
    await signAuditHead(
      sources.reviewDir,
      (text) => signDetached(unlocked, new TextEncoder().encode(text), prepared.date),
      prepared.date,
      key.info.signingKey.fingerprint,
    );
    report.log(`apt-prod now serves publication ${publication.id}`);
    return {
      plan,
      publication,
      previous: plan.current,
      signedBy: key.info.signingKey.fingerprint,
      detachedFiles,
      attestations,
    };
  }).catch(async (error: unknown) => {
    // A failed unlock is what an auditor looks for: who tried to sign, with which key, when.
    if (!unlockedOnce && error instanceof CountersignError && error.code === 'WRONG_PASSPHRASE') {
      await appendAuditEntry(sources.reviewDir, 'signing-refused', {
        tag: plan.tag,
        to: plan.to,
        key: key.info.fingerprint,
        signingKey: key.info.signingKey.fingerprint,
        reason: error.message,
      });
    }
    throw error;
  });
}
