import * as openpgp from 'openpgp';
import type { SignatureStatus, SignedDecision } from '../../../../shared/reviewers';
import { revocationOf } from '../openpgp/keyFacts';
import { CRYPTO_ONLY, findSigningKey } from '../openpgp/signaturePolicy';
import { statementBytes } from './decisionStatement';
import type { KnownReviewer } from './knownReviewer';

/** What one signed decision came to. */
export interface DecisionCheck {
  status: Exclude<SignatureStatus, 'unsigned'>;
  /** The reviewer the signature names, when they are known. */
  reviewer: KnownReviewer | null;
  /** Why it is not valid, for people; null when valid. */
  problem: string | null;
}

async function signaturePacket(base64: string): Promise<openpgp.SignaturePacket | null> {
  try {
    const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
    const signature = await openpgp.readSignature({ binarySignature: bytes });
    const packets = [...signature.packets.filterByTag(openpgp.enums.packet.signature)];
    return packets.length === 1 && packets[0] instanceof openpgp.SignaturePacket
      ? packets[0]
      : null;
  } catch {
    return null;
  }
}

/**
 * Checks a signed decision against the reviewers known (a policy's pinned
 * reviewers, or keys an audit log carries): `unknown-key` when none of them
 * is the reviewer it names; `invalid` unless it is one binary signature,
 * hashed with SHA-256, by that reviewer's key (or a subkey it bound), over
 * exactly the statement's canonical JSON; `revoked` when the policy revoked
 * the reviewer or their key carries a revocation (a reviewer who lost their
 * key no longer vouches for anything, made before or since); else `valid`.
 */
export async function verifySignedDecision(
  signed: SignedDecision,
  reviewers: readonly KnownReviewer[],
): Promise<DecisionCheck> {
  const reviewer = reviewers.find((known) => known.fingerprint === signed.reviewer) ?? null;
  if (!reviewer) {
    return {
      status: 'unknown-key',
      reviewer: null,
      problem: `signed by ${signed.reviewer}, a key no pinned reviewer holds`,
    };
  }
  const invalid = (problem: string): DecisionCheck => ({ status: 'invalid', reviewer, problem });
  const packet = await signaturePacket(signed.signature);
  if (!packet) return invalid('the signature is not one OpenPGP signature');
  if (packet.signatureType !== openpgp.enums.signature.binary) {
    return invalid('not a binary document signature');
  }
  if (packet.hashAlgorithm !== openpgp.enums.hash.sha256) {
    return invalid('not hashed with SHA-256');
  }
  const found = await findSigningKey([reviewer.key], packet);
  if (!found) return invalid(`not made by ${reviewer.fingerprint} or a subkey it bound`);
  const message = await openpgp.createMessage({ binary: statementBytes(signed.statement) });
  const literal = message.packets.findPacket(openpgp.enums.packet.literalData);
  try {
    await packet.verify(
      found.signingKey.keyPacket,
      openpgp.enums.signature.binary,
      literal as openpgp.LiteralDataPacket,
      null as unknown as Date,
      true,
      CRYPTO_ONLY,
    );
  } catch {
    return invalid('the statement was changed after it was signed');
  }
  if (reviewer.revoked) {
    return { status: 'revoked', reviewer, problem: 'the review policy revoked this reviewer' };
  }
  for (const part of new Set([found.primary, found.signingKey])) {
    const revocation = await revocationOf(part);
    if (revocation.revoked) {
      return {
        status: 'revoked',
        reviewer,
        problem: `the reviewer's key is revoked (${revocation.reason ?? 'no reason given'})`,
      };
    }
  }
  return { status: 'valid', reviewer, problem: null };
}
