import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { APPROVE_STEP, type SignOffResult } from '../../../shared/approvals';
import { CountersignError } from '../../../shared/errors';
import { appendAuditEntry } from '../audit/auditLog';
import { writeFileAtomic } from '../lib/fs/atomicWrite';
import {
  buildLink,
  linkFileName,
  metablockText,
  type Link,
  type Metablock,
} from '../lib/intoto/index';
import { readSavedComparison } from '../lib/reviewFolder/compareStore';
import { approvedProducts, type ReviewerApproves } from './approvalProducts';
import type { ReviewerSigner } from './reviewerSigner';

/** The review folder's subfolder holding each reviewer's signed approval link. */
export const APPROVALS_FOLDER = 'approvals';

export interface SignOffOptions {
  reviewDir: string;
  tag: string;
  signer: ReviewerSigner;
  /** Whether this reviewer's own decisions approve an artifact. */
  approves: ReviewerApproves;
  /** The policy asks reviewers to approve identical packages too (identicalThreshold above 0). */
  identicalNeedsApproval: boolean;
}

/**
 * A reviewer signs off on a release: an in-toto link for the step `approve`
 * (no materials, no command) whose products are the release's .debs this
 * reviewer's decisions approve, signed with their own key, kept in the
 * review folder as `approvals/approve.<keyid8>.link` (written atomically; a
 * new sign-off replaces the reviewer's earlier one) and recorded in the
 * audit log (`approval-signed`, with the file's SHA-256 and the products).
 */
export async function signOff(options: SignOffOptions): Promise<SignOffResult> {
  const { reviewDir, tag, signer } = options;
  const comparison = await readSavedComparison(reviewDir);
  if (!comparison) {
    throw new CountersignError(
      'NO_COMPARISON',
      `Release ${tag} has not been compared, so there is nothing to sign off.`,
      'Compare the release, review its differences, then sign off.',
    );
  }
  const { products, left } = await approvedProducts(comparison, options.approves, {
    identicalNeedsApproval: options.identicalNeedsApproval,
  });
  if (Object.keys(products).length === 0) {
    throw new CountersignError(
      'INVALID_REQUEST',
      `Your decisions approve none of ${tag}'s packages, so there is nothing to sign off.`,
      left.length > 0
        ? `Left out: ${left.map(({ name, why }) => `${name} (${why})`).join('; ')}.`
        : 'The comparison holds no Debian package CI built.',
    );
  }
  const link = buildLink({ name: APPROVE_STEP, products });
  const signature = await signer.sign(link);
  const metablock: Metablock<Link> = { signed: link, signatures: [signature] };
  const text = metablockText(metablock);
  const file = `${APPROVALS_FOLDER}/${linkFileName(APPROVE_STEP, signature.keyid)}`;
  await mkdir(join(reviewDir, APPROVALS_FOLDER), { recursive: true });
  await writeFileAtomic(join(reviewDir, file), text);
  const sha256 = createHash('sha256').update(text).digest('hex');
  const listed = Object.entries(products)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, hash]) => ({ name, sha256: hash }));
  await appendAuditEntry(reviewDir, 'approval-signed', {
    tag,
    reviewer: signer.keyid.toUpperCase(),
    signedWith: signature.keyid.toUpperCase(),
    file,
    sha256,
    products: listed,
  });
  return {
    tag,
    reviewer: signer.keyid,
    signedWith: signature.keyid,
    file,
    sha256,
    products: listed,
    left,
  };
}
