import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CountersignError } from '../../../shared/errors';
import { writeFileAtomic } from '../lib/fs/atomicWrite';
import { appendAuditEntry } from '../audit/auditLog';
import type { UnlockedReleaseKey } from '../lib/openpgp/unlockReleaseKey';
import { signEnvelope } from './dsse';
import { openpgpSigner } from './openpgpSigner';
import { buildRebuildStatements, type RebuildStatementOptions } from './rebuildStatements';
import { buildVerificationSummary } from './verificationSummary';

export const VSA_FILE = 'vsa.intoto.json';

export interface ExportAttestationsRequest extends RebuildStatementOptions {
  reviewDir: string;
  outDir: string;
  unlocked: UnlockedReleaseKey;
  /** The signatures' time and the VSA's timeVerified. */
  date: Date;
  /** Where the files will be found, as the audit log records it, when outDir is only their staging folder. */
  recordAs?: string;
}

export interface ExportedAttestation {
  file: string;
  sha256: string;
  subjects: string[];
}

export interface ExportedAttestations {
  files: ExportedAttestation[];
  resourceUri: string;
  signedBy: string;
}

/** An artifact's name as a file name: it came from CI, so nothing in it may leave outDir. */
function fileNameFor(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._+~-]/g, '_');
  if (safe === '' || safe.startsWith('.') || `${safe}.intoto.json` === VSA_FILE) {
    throw new CountersignError(
      'INVALID_REQUEST',
      `The artifact name ${JSON.stringify(name)} cannot be a file name.`,
    );
  }
  return `${safe}.intoto.json`;
}

/**
 * Writes one signed rebuild statement per promoted artifact
 * (`<artifact>.intoto.json`) and a signed VSA over all of them
 * (`vsa.intoto.json`) into outDir, each a DSSE envelope; records the export
 * in the review's audit log.
 */
export async function exportAttestations(
  request: ExportAttestationsRequest,
): Promise<ExportedAttestations> {
  const statements = await buildRebuildStatements(request.reviewDir, request);
  const { sign, keyid } = openpgpSigner(request.unlocked, request.date);
  await mkdir(request.outDir, { recursive: true });
  const files: ExportedAttestation[] = [];
  const write = async (file: string, envelope: unknown, subjects: string[]) => {
    const text = `${JSON.stringify(envelope, null, 2)}\n`;
    await writeFileAtomic(join(request.outDir, file), text);
    const sha256 = createHash('sha256').update(text).digest('hex');
    files.push({ file, sha256, subjects });
    return sha256;
  };
  const names = new Set<string>();
  for (const { name, statement } of statements) {
    const file = fileNameFor(name);
    if (names.has(file))
      throw new CountersignError('INVALID_REQUEST', `Two artifacts map to ${file}.`);
    names.add(file);
    await write(file, await signEnvelope(statement, sign, keyid), [name]);
  }
  const [first] = statements;
  if (!first) throw new Error('buildRebuildStatements answered no statement');
  const resourceUri = first.predicate.promotion.resourceUri;
  const vsa = buildVerificationSummary({
    subjects: statements.flatMap(({ statement }) => statement.subject),
    inputAttestations: files.map(({ file, sha256 }) => ({ uri: file, sha256 })),
    resourceUri,
    timeVerified: request.date,
  });
  await write(
    VSA_FILE,
    await signEnvelope(vsa, sign, keyid),
    statements.map(({ name }) => name),
  );
  await appendAuditEntry(request.reviewDir, 'attestations-exported', {
    outDir: request.recordAs ?? request.outDir,
    resourceUri,
    signedBy: keyid,
    files: files.map(({ file, sha256 }) => ({ file, sha256 })),
  });
  return { files, resourceUri, signedBy: keyid };
}
