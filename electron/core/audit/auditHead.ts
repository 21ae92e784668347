import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type * as openpgp from 'openpgp';
import { auditHeadSchema, type AuditChainState, type AuditHead } from '../../../shared/audit';
import { CountersignError } from '../../../shared/errors';
import { verifyDetachedRelease } from '../lib/apt/verifyReleaseSignature';
import { writeFileAtomic } from '../lib/fs/atomicWrite';
import { AUDIT_FILE, brokenChain, inspectAuditLog } from './auditLog';

export const AUDIT_HEAD_FILE = 'audit-head.json';
export const AUDIT_HEAD_SIGNATURE_FILE = `${AUDIT_HEAD_FILE}.asc`;

/** What a signed head came to. */
export type AuditHeadCheck =
  | { signed: false; chain: AuditChainState }
  | {
      signed: true;
      head: AuditHead;
      /** Primary fingerprints of the given keys whose signature over the head is valid. */
      signedBy: string[];
      /** Entries appended after the last signature: recorded, but not yet covered by one. */
      appendedAfter: number;
      chain: AuditChainState;
    };

/**
 * Signs the log's current last line: writes audit-head.json and its detached
 * signature (each atomically; the signature first, so a head never sits
 * beside a signature older than itself for longer than one rename).
 * `sign` returns an armored detached signature over the UTF-8 bytes of the
 * text, e.g. `(text) => signDetached(key, new TextEncoder().encode(text), date)`.
 */
export async function signAuditHead(
  reviewDir: string,
  sign: (text: string) => Promise<string>,
  date: Date,
  signer: string = userInfo().username,
): Promise<AuditHead> {
  const { lines, state } = await inspectAuditLog(reviewDir);
  if (!state.intact) throw brokenChain(reviewDir, state);
  const last = lines.at(-1);
  if (!last?.entry) {
    throw new CountersignError(
      'INVALID_REQUEST',
      'The audit log of this review is empty; there is nothing to sign.',
    );
  }
  const head: AuditHead = {
    seq: last.entry.seq,
    sha256: last.sha256,
    signedAt: date.toISOString(),
    signer,
  };
  const text = `${JSON.stringify(head, null, 2)}\n`;
  const signature = await sign(text);
  await writeFileAtomic(join(reviewDir, AUDIT_HEAD_SIGNATURE_FILE), signature);
  await writeFileAtomic(join(reviewDir, AUDIT_HEAD_FILE), text);
  return head;
}

function mismatch(reviewDir: string, message: string): CountersignError {
  return new CountersignError(
    'AUDIT_HEAD_MISMATCH',
    message,
    `Keep ${join(reviewDir, AUDIT_FILE)} and ${join(reviewDir, AUDIT_HEAD_FILE)} as evidence; the log no longer shows what was signed.`,
  );
}

/**
 * Checks the signed head against the given public keys and against the log:
 * the line it names must still be there, at that seq, with that hash, and the
 * chain intact up to it. A log cut back or rewritten after signing is refused
 * (AUDIT_HEAD_MISMATCH); entries appended since are counted, not refused.
 */
export async function verifyAuditHead(
  reviewDir: string,
  publicKeys: openpgp.PublicKey[],
  now: Date = new Date(),
): Promise<AuditHeadCheck> {
  const { lines, state } = await inspectAuditLog(reviewDir);
  const bytes = await readFile(join(reviewDir, AUDIT_HEAD_FILE)).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  });
  if (!bytes) return { signed: false, chain: state };
  const signature = await readFile(join(reviewDir, AUDIT_HEAD_SIGNATURE_FILE)).catch(() => {
    throw mismatch(
      reviewDir,
      `${AUDIT_HEAD_FILE} has no signature (${AUDIT_HEAD_SIGNATURE_FILE}).`,
    );
  });
  let signedBy: string[];
  let reasons: string[];
  try {
    const check = await verifyDetachedRelease(
      new Uint8Array(bytes),
      new Uint8Array(signature),
      publicKeys,
      now,
    );
    signedBy = check.signedBy;
    reasons = check.signatures.map((one) => `${one.keyId}: ${one.reason ?? 'valid'}`);
  } catch (error) {
    throw mismatch(
      reviewDir,
      `The signature over ${AUDIT_HEAD_FILE} cannot be read${error instanceof Error ? ` (${error.message})` : ''}.`,
    );
  }
  if (signedBy.length === 0) {
    throw mismatch(
      reviewDir,
      `${AUDIT_HEAD_FILE} is not signed by a given key (${reasons.join('; ') || 'no signature'}).`,
    );
  }
  let head: AuditHead;
  try {
    head = auditHeadSchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    throw mismatch(reviewDir, `${AUDIT_HEAD_FILE} is signed but is not an audit head.`);
  }
  const line = lines[head.seq];
  if (!line) {
    throw mismatch(
      reviewDir,
      `The log was cut back after it was signed: the signature covers seq ${head.seq}, the log has ${lines.length} line(s).`,
    );
  }
  if (line.sha256 !== head.sha256 || line.entry?.seq !== head.seq) {
    throw mismatch(
      reviewDir,
      `The log was rewritten after it was signed: line ${head.seq + 1} is not the line signed as seq ${head.seq}.`,
    );
  }
  if (!state.intact && state.brokenAtLine <= head.seq + 1) {
    throw mismatch(
      reviewDir,
      `The signed part of the log was altered: line ${state.brokenAtLine} (${state.kind}): ${state.reason}.`,
    );
  }
  return {
    signed: true,
    head,
    signedBy,
    appendedAfter: lines.length - (head.seq + 1),
    chain: state,
  };
}
