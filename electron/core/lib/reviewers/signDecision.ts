import type { DecisionStatement, SignedDecision } from '../../../../shared/reviewers';
import { signBinarySha256 } from '../openpgp/signSha256';
import type { UnlockedReleaseKey } from '../openpgp/unlockReleaseKey';
import { statementBytes } from './decisionStatement';

/**
 * Signs one decision statement with the reviewer's unlocked key: a binary
 * detached OpenPGP signature, hashed with SHA-256, over the statement's
 * canonical JSON, made at the statement's own time.
 */
export async function signDecision(
  statement: DecisionStatement,
  unlocked: UnlockedReleaseKey,
): Promise<SignedDecision> {
  const signature = await signBinarySha256(
    unlocked,
    statementBytes(statement),
    new Date(statement.decidedAt),
  );
  return {
    statement,
    signature: Buffer.from(signature).toString('base64'),
    reviewer: unlocked.info.fingerprint,
  };
}
