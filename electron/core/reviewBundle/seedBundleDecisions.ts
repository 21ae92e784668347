import * as openpgp from 'openpgp';
import type { BundleManifest } from '../../../shared/reviewBundle';
import { appendSignedDecisions } from '../lib/reviewFolder/decisions';
import { verifySignedDecision, type KnownReviewer } from '../lib/reviewers/index';

/**
 * Puts the signed decisions a bundle carries into the folder it was opened
 * in, so the reader sees every reviewer's decision beside their own: only
 * those that verify with the key of a reviewer the manifest names (a
 * decision the exporter's log held but that does not verify stays out).
 * Returns how many were kept. The reader's decisions file never carries
 * them: it holds only the reader's own.
 */
export async function seedBundleDecisions(
  reviewDir: string,
  manifest: BundleManifest,
): Promise<number> {
  const known: (KnownReviewer & { publicKey: string })[] = [];
  for (const reviewer of manifest.policy?.reviewers ?? []) {
    if (!reviewer.publicKey) continue;
    const key = await openpgp.readKey({ armoredKey: reviewer.publicKey }).catch(() => null);
    if (!key || key.getFingerprint().toUpperCase() !== reviewer.fingerprint) continue;
    known.push({
      name: reviewer.name,
      fingerprint: reviewer.fingerprint,
      key,
      revoked: reviewer.revoked,
      pinned: true,
      publicKey: reviewer.publicKey,
    });
  }
  let kept = 0;
  for (const reviewer of known) {
    const decisions = [];
    for (const artifact of manifest.artifacts) {
      for (const signed of artifact.decisions) {
        if (signed.reviewer !== reviewer.fingerprint) continue;
        if ((await verifySignedDecision(signed, known)).status !== 'valid') continue;
        decisions.push({ name: artifact.name, signed });
      }
    }
    const { name, fingerprint, publicKey } = reviewer;
    await appendSignedDecisions(reviewDir, { name, fingerprint, publicKey }, decisions);
    kept += decisions.length;
  }
  return kept;
}
