import type * as openpgp from 'openpgp';
import { CountersignError } from '../../../../shared/errors';
import type { ReviewerKeyInfo } from '../../../../shared/reviewers';
import { fingerprintOf } from '../openpgp/keyFacts';
import { readReleaseKey } from '../openpgp/readReleaseKey';
import type { ReleaseKey } from '../openpgp/releaseKey';

/** A reviewer's own key, as imported on their machine: still encrypted. */
export type ReviewerKey = ReleaseKey;

/** Who a personal signing key belongs to: a reviewer signs decisions, a rebuilder its rebuild links. */
export type PersonalKeyRole = 'reviewer' | 'rebuilder';

const ROLE = {
  reviewer: {
    label: 'reviewer key',
    signs: 'review decisions',
    sameAsRelease: 'REVIEWER_KEY_IS_RELEASE_KEY',
    why: 'a reviewer signs with a key of their own',
  },
  rebuilder: {
    label: 'rebuilder key',
    signs: 'rebuild links',
    sameAsRelease: 'REBUILDER_KEY_IS_RELEASE_KEY',
    why: 'a rebuilder vouches apart from the release manager, with a key of its own',
  },
} as const;

const makeOne = (role: PersonalKeyRole) =>
  `Make one with GnuPG: gpg --quick-gen-key "Your Name <you@example.org>" ed25519 sign 2y (or rsa3072), then export it: gpg --armor --export-secret-keys FINGERPRINT > ${role}-key.asc`;

/**
 * Why this key cannot sign review decisions, beyond what a release key is
 * refused for: only v4 keys with RSA of 2048 bits or more, or GnuPG's
 * Ed25519 (EdDSA), the keys Debian's in-toto verifies approvals with.
 */
function reviewerKeyProblem(key: openpgp.PrivateKey | openpgp.Subkey): string | null {
  if (key.keyPacket.version !== 4)
    return `it is a v${key.keyPacket.version} key; only v4 keys are accepted`;
  const { algorithm, bits } = key.getAlgorithmInfo();
  if (algorithm.startsWith('rsa')) {
    return (bits ?? 0) >= 2048 ? null : `RSA ${bits ?? '?'} is shorter than 2048 bits`;
  }
  if (algorithm === 'eddsaLegacy') return null;
  return `its algorithm (${algorithm}) is neither RSA nor GnuPG's Ed25519`;
}

/**
 * Reads a reviewer's secret key and refuses, each with its own code, what
 * may not sign decisions: everything a release key is refused for
 * (NOT_A_PRIVATE_KEY, KEY_UNPROTECTED — never allowed here —, KEY_REVOKED,
 * KEY_EXPIRED, WEAK_KEY, KEY_CANNOT_SIGN), a key other than v4 RSA ≥ 2048 or
 * Ed25519 (WEAK_KEY), and the project's own release key
 * (REVIEWER_KEY_IS_RELEASE_KEY: a reviewer vouches apart from the release
 * manager's signature, or the two-person rule is one person).
 */
export async function readReviewerKey(
  armored: string,
  options: { releaseKeyFingerprint?: string | null; date?: Date; role?: PersonalKeyRole } = {},
): Promise<ReviewerKey> {
  const role = options.role ?? 'reviewer';
  const { label, signs, sameAsRelease, why } = ROLE[role];
  const key = await readReleaseKey(armored, {
    role: label,
    ...(options.date ? { date: options.date } : {}),
  });
  const fpr = key.info.fingerprint;
  const signing = key.key
    .getKeys()
    .find((part) => fingerprintOf(part) === key.info.signingKey.fingerprint);
  const problem = reviewerKeyProblem(key.key) ?? (signing ? reviewerKeyProblem(signing) : null);
  if (problem) {
    throw new CountersignError(
      'WEAK_KEY',
      `The ${label} ${fpr} cannot sign ${signs}: ${problem}.`,
      makeOne(role),
    );
  }
  const release = options.releaseKeyFingerprint?.replace(/\s+/g, '').toUpperCase();
  if (release && fpr === release) {
    throw new CountersignError(
      sameAsRelease,
      `The key ${fpr} is the project's release key; ${why}.`,
      makeOne(role),
    );
  }
  return key;
}

/** What the UI shows of a reviewer key: never its secret part. */
export function reviewerKeyInfo(key: ReviewerKey): ReviewerKeyInfo {
  return {
    fingerprint: key.info.fingerprint,
    signingKey: key.info.signingKey.fingerprint,
    algorithm: key.info.signingKey.algorithm,
    userIds: key.info.userIds,
    protected: key.info.protected,
  };
}
