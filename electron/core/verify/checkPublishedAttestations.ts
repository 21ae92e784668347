import { createHash } from 'node:crypto';
import type * as openpgp from 'openpgp';
import {
  dsseEnvelopeSchema,
  REBUILD_PREDICATE_TYPE,
  statementSchema,
  VSA_PREDICATE_TYPE,
  vsaPredicateSchema,
} from '../../../shared/attestation';
import type { AttestationFileCheck, AttestationsCheck } from '../../../shared/verify';
import { quoted } from '../lib/apt/hostileText';
import { openRepositoryLocation } from '../lib/apt/repositoryLocation';
import { VSA_FILE, verifyEnvelope } from '../attest/index';
import {
  ATTESTATIONS_FOLDER,
  RELEASES_FOLDER,
  releaseFolderName,
} from '../lib/reviewFolder/releaseFolders';
import { hashPackageFiles } from './hashPackageFiles';
import type { PromotedRelease } from './reviewEvidence';

const MAX_ENVELOPE_BYTES = 16 * 1024 * 1024;
/** The file names exportAttestations writes: nothing that could leave the folder. */
const SAFE_FILE = /^[A-Za-z0-9_+~-][A-Za-z0-9._+~-]*$/;

type Subject = { name: string; sha256: string };

interface ReadEnvelope {
  check: AttestationFileCheck;
  /** The signed statement's predicate, once the envelope verified. */
  predicate: unknown;
}

/** The one predicate type a file of the folder may carry: the VSA, or a rebuild statement. */
type Expected = typeof VSA_PREDICATE_TYPE | typeof REBUILD_PREDICATE_TYPE;

/** Reads, hashes and verifies one envelope of the folder; never throws for what it finds. */
async function readEnvelope(
  root: string,
  folder: string,
  file: string,
  keys: openpgp.PublicKey[],
  expected: { sha256: string | null; predicateType: Expected },
  signal: AbortSignal | undefined,
): Promise<ReadEnvelope> {
  const path = `${folder}/${file}`;
  const failed = (status: 'missing' | 'failed', problem: string): ReadEnvelope => ({
    check: { file: path, status, subjects: [], problem },
    predicate: null,
  });
  const bytes = await openRepositoryLocation(root).readSmallFile(
    [...folder.split('/'), file],
    MAX_ENVELOPE_BYTES,
    signal,
  );
  if (!bytes) return failed('missing', 'apt-prod does not serve it');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (expected.sha256 !== null && sha256 !== expected.sha256) {
    return failed('failed', `its SHA-256 is ${sha256}, not the ${expected.sha256} the VSA lists`);
  }
  let envelope;
  try {
    envelope = dsseEnvelopeSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    return failed('failed', 'it is not a DSSE envelope');
  }
  const verdict = await verifyEnvelope(envelope, keys);
  if (!verdict.valid) return failed('failed', verdict.reason ?? 'it does not verify');
  // Verified: the payload is signed JSON of a statement (verifyEnvelope parsed it already).
  const statement = statementSchema.parse(
    JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')),
  );
  if (statement.predicateType !== expected.predicateType) {
    return failed(
      'failed',
      `it is signed, but its predicate type is ${quoted(statement.predicateType)}, not ${expected.predicateType}`,
    );
  }
  return {
    check: {
      file: path,
      status: 'verified',
      subjects: statement.subject.map(({ name, digest }) => ({ name, sha256: digest.sha256 })),
      problem: null,
    },
    predicate: statement.predicate,
  };
}

/**
 * The attestations the last promotion published beside apt-prod, checked as
 * an outsider would: the VSA and every statement it lists verify with the
 * release key and have the digests the VSA gives them; together they attest
 * every package and file the promotion published, and only bytes apt-prod
 * serves (`served`: SHA-256 → pool path) or the review withdrew since.
 */
export async function checkPublishedAttestations(
  root: string,
  keys: openpgp.PublicKey[],
  promotion: PromotedRelease,
  served: ReadonlyMap<string, string>,
  signal?: AbortSignal,
): Promise<AttestationsCheck> {
  const folder = `${ATTESTATIONS_FOLDER}/${releaseFolderName(promotion.tag)}`;
  const files: AttestationFileCheck[] = [];
  const problems: string[] = [];
  const done = (): AttestationsCheck => ({
    tag: promotion.tag,
    folder,
    files,
    problems,
    status:
      problems.length === 0 && files.length > 0 && files.every((f) => f.status === 'verified')
        ? 'verified'
        : 'failed',
  });

  const vsa = await readEnvelope(
    root,
    folder,
    VSA_FILE,
    keys,
    { sha256: null, predicateType: VSA_PREDICATE_TYPE },
    signal,
  );
  files.push(vsa.check);
  if (vsa.check.status !== 'verified') {
    if (vsa.check.status === 'missing') {
      problems.push(
        `The promotion of ${promotion.tag} is not attested here. Publish its attestations (countersign attest export --out ${folder}).`,
      );
    }
    return done();
  }
  const inputs = vsaPredicateSchema.parse(vsa.predicate).inputAttestations;
  const attested: Subject[] = [];
  for (const { uri, digest } of inputs) {
    if (!SAFE_FILE.test(uri) || uri === VSA_FILE) {
      files.push({
        file: `${folder}/${uri}`,
        status: 'failed',
        subjects: [],
        problem: `the VSA lists ${quoted(uri)}, which is not a file of this folder`,
      });
      continue;
    }
    const statement = await readEnvelope(
      root,
      folder,
      uri,
      keys,
      { sha256: digest.sha256, predicateType: REBUILD_PREDICATE_TYPE },
      signal,
    );
    files.push(statement.check);
    attested.push(...statement.check.subjects);
  }

  // The VSA vouches for no more than the statements do.
  const attestedKey = new Set(attested.map(({ name, sha256 }) => `${name}\n${sha256}`));
  for (const subject of vsa.check.subjects) {
    if (!attestedKey.has(`${subject.name}\n${subject.sha256}`)) {
      problems.push(`The VSA names ${quoted(subject.name)}, but no statement it lists attests it.`);
    }
  }

  // Every attested subject is served: a package of apt-prod, or a file of releases/<tag>/.
  const fileNames = new Set(promotion.files.map(({ name }) => name));
  const releaseFiles = attested.filter(
    ({ sha256, name }) => !served.has(sha256) && fileNames.has(name),
  );
  const releaseFolder = `${RELEASES_FOLDER}/${releaseFolderName(promotion.tag)}`;
  const found = await hashPackageFiles(
    root,
    releaseFiles
      .filter(({ name }) => SAFE_FILE.test(name))
      .map(({ name }) => `${releaseFolder}/${name}`),
    signal,
  );
  for (const { name, sha256 } of attested) {
    // A package withdrawn since its promotion is attested and, rightly, no longer served.
    if (served.has(sha256) || promotion.withdrawn.has(sha256)) continue;
    if (fileNames.has(name)) {
      const file = found.get(`${releaseFolder}/${name}`);
      if (file?.sha256 === sha256) continue;
      problems.push(
        file
          ? `${quoted(`${releaseFolder}/${name}`)} is not the file that was attested (its SHA-256 is ${file.sha256}).`
          : `${quoted(`${releaseFolder}/${name}`)} is attested but not served.`,
      );
      continue;
    }
    problems.push(
      `${quoted(name)} is attested (SHA-256 ${sha256}), but apt-prod serves no such bytes.`,
    );
  }

  // Everything the promotion published is attested.
  const attestedSha = new Set(attested.map(({ sha256 }) => sha256));
  for (const { label, sha256 } of [
    ...promotion.packages,
    ...promotion.files.map(({ name, sha256 }) => ({ label: name, sha256 })),
  ]) {
    if (!attestedSha.has(sha256)) {
      problems.push(`${quoted(label)} was promoted, but no attestation here attests it.`);
    }
  }
  return done();
}
