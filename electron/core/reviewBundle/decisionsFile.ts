import * as openpgp from 'openpgp';
import { CountersignError } from '../../../shared/errors';
import {
  SIGNED_DECISIONS_TYPE,
  signedDecisionsFileSchema,
  type DecisionsBody,
  type SignedDecisionsFile,
} from '../../../shared/reviewBundle';
import { signedDecisionSchema, type SignedDecision } from '../../../shared/reviewers';
import { readAuditEntries } from '../audit/auditLog';
import { writeFileAtomic } from '../lib/fs/atomicWrite';
import { canonicalJsonBytes } from '../lib/intoto/canonicalJson';
import { revocationOf } from '../lib/openpgp/keyFacts';
import { signBinarySha256 } from '../lib/openpgp/signSha256';
import { CRYPTO_ONLY, findSigningKey } from '../lib/openpgp/signaturePolicy';
import { countersignHome } from '../lib/project/countersignHome';
import {
  loadReviewerKey,
  unpinnedReviewer,
  verifySignedDecision,
  withUnlockedReviewerKey,
  type KnownReviewer,
} from '../lib/reviewers/index';
import { openedManifest } from './openBundle';

/** What `writeDecisionsFile` wrote. */
export interface WrittenDecisions {
  file: string;
  decisions: number;
  reviewer: string;
}

/**
 * Writes ONE signed decisions file of the decisions this machine's reviewer
 * made in an opened bundle: {the manifest's hash, each artifact's SHA-256s
 * and report hash, the SignedDecision list}, signed as a whole by the
 * reviewer key (binary detached, SHA-256, over the canonical JSON).
 */
export async function writeDecisionsFile(
  reviewDir: string,
  out: string,
  passphrase: string,
): Promise<WrittenDecisions> {
  const { manifest, manifestSha256 } = await openedManifest(reviewDir);
  const key = await loadReviewerKey(countersignHome());
  if (!key) {
    throw new CountersignError(
      'NO_REVIEWER_KEY',
      'Decisions sent back from a bundle are signed by your reviewer key, and this machine has none.',
      'Import your own signing key: countersign reviewer import-key FILE.',
    );
  }
  const fingerprint = key.info.fingerprint;
  const self = await unpinnedReviewer(key.key.toPublic());
  const decisions: SignedDecision[] = [];
  for (const entry of await readAuditEntries(reviewDir)) {
    if (entry.kind !== 'decision') continue;
    const parsed = signedDecisionSchema.safeParse(entry.data.signed);
    if (!parsed.success || parsed.data.reviewer !== fingerprint) continue;
    const statement = parsed.data.statement;
    const artifact = manifest.artifacts.find((one) => one.key === statement.artifact.key);
    if (
      !artifact ||
      statement.project !== manifest.project.id ||
      statement.tag !== manifest.tag ||
      statement.reportSha256 !== artifact.report.sha256
    ) {
      continue;
    }
    if ((await verifySignedDecision(parsed.data, [self])).status !== 'valid') continue;
    decisions.push(parsed.data);
  }
  if (decisions.length === 0) {
    throw new CountersignError(
      'INVALID_REQUEST',
      'You have recorded no decision in this bundle yet, so there is nothing to send back.',
      'Decide first: countersign review --review DIR --path PATTERN --accept "REASON" --passphrase-file FILE.',
    );
  }
  const body: DecisionsBody = {
    type: SIGNED_DECISIONS_TYPE,
    project: manifest.project.id,
    tag: manifest.tag,
    manifestSha256,
    reports: manifest.artifacts.map((artifact) => ({
      key: artifact.key,
      ciSha256: artifact.ciSha256,
      localSha256: artifact.localSha256,
      reportSha256: artifact.report.sha256,
    })),
    decisions,
    reviewer: fingerprint,
    createdAt: new Date().toISOString(),
  };
  const signature = await withUnlockedReviewerKey(key, passphrase, (unlocked) =>
    signBinarySha256(unlocked, canonicalJsonBytes(body), new Date()),
  );
  const file: SignedDecisionsFile = {
    signed: body,
    signature: Buffer.from(signature).toString('base64'),
  };
  await writeFileAtomic(out, `${JSON.stringify(file, null, 2)}\n`);
  return { file: out, decisions: decisions.length, reviewer: fingerprint };
}

const unreadable = () =>
  new CountersignError(
    'DECISIONS_SIGNATURE_INVALID',
    'This is not a signed decisions file Countersign can read (it was cut, edited, or is something else).',
    'Ask the reviewer to write it again: countersign review decisions --review DIR --out FILE.',
  );

/** Reads a decisions file's JSON, refusing anything that is not one. */
export function parseDecisionsFile(text: string): SignedDecisionsFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw unreadable();
  }
  const parsed = signedDecisionsFileSchema.safeParse(json);
  if (!parsed.success) throw unreadable();
  return parsed.data;
}

/**
 * Whether the file's signature is its reviewer's, over exactly its canonical
 * JSON, hashed with SHA-256; 'revoked' when the reviewer's key (or the subkey
 * that signed) carries a revocation.
 */
export async function checkDecisionsSignature(
  file: SignedDecisionsFile,
  reviewer: KnownReviewer,
): Promise<'valid' | 'invalid' | 'revoked'> {
  let packet: openpgp.SignaturePacket | undefined;
  try {
    const signature = await openpgp.readSignature({
      binarySignature: new Uint8Array(Buffer.from(file.signature, 'base64')),
    });
    const packets = [...signature.packets.filterByTag(openpgp.enums.packet.signature)];
    if (packets.length === 1 && packets[0] instanceof openpgp.SignaturePacket) packet = packets[0];
  } catch {
    return 'invalid';
  }
  if (
    !packet ||
    packet.signatureType !== openpgp.enums.signature.binary ||
    packet.hashAlgorithm !== openpgp.enums.hash.sha256
  ) {
    return 'invalid';
  }
  const found = await findSigningKey([reviewer.key], packet);
  if (!found) return 'invalid';
  let bytes: Uint8Array;
  try {
    bytes = canonicalJsonBytes(file.signed);
  } catch {
    return 'invalid';
  }
  const message = await openpgp.createMessage({ binary: bytes });
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
    return 'invalid';
  }
  for (const part of new Set([found.primary, found.signingKey])) {
    if ((await revocationOf(part)).revoked) return 'revoked';
  }
  return 'valid';
}
