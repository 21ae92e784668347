import type * as openpgp from 'openpgp';
import type { ReviewPolicy } from '../../../../shared/reviewers';
import { primaryUserId } from '../openpgp/keyFacts';
import { readPinnedKey } from '../openpgp/pinnedKey';

/** A reviewer key a signature can be checked against, and how far it is trusted. */
export interface KnownReviewer {
  /** The pinned name, else the key's primary user ID. */
  name: string;
  /** The primary key's fingerprint, upper-case hex. */
  fingerprint: string;
  key: openpgp.PublicKey;
  /** The policy stopped trusting this reviewer. */
  revoked: boolean;
  /** Pinned by the project's review policy (the only reviewers the gate counts). */
  pinned: boolean;
}

/** A review policy with each pinned reviewer's key read and checked against its pin. */
export interface LoadedReviewPolicy {
  policy: ReviewPolicy;
  reviewers: KnownReviewer[];
}

/**
 * Reads every reviewer a policy pins, each key checked against its pinned
 * fingerprint as trusted signers are (INVALID_PROJECT on a mismatch: the file
 * was edited or tampered with).
 */
export async function loadReviewPolicy(
  policy: ReviewPolicy,
  file: string,
): Promise<LoadedReviewPolicy> {
  const reviewers: KnownReviewer[] = [];
  for (const pinned of policy.reviewers) {
    reviewers.push({
      name: pinned.name,
      fingerprint: pinned.fingerprint,
      key: await readPinnedKey(pinned, 'reviewer key', file),
      revoked: pinned.revoked,
      pinned: true,
    });
  }
  return { policy, reviewers };
}

/** A key met in an audit log or a decisions file, trusted by no policy. */
export async function unpinnedReviewer(key: openpgp.PublicKey): Promise<KnownReviewer> {
  return {
    name: await primaryUserId(key),
    fingerprint: key.getFingerprint().toUpperCase(),
    key,
    revoked: false,
    pinned: false,
  };
}
