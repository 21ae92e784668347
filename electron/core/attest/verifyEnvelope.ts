import * as openpgp from 'openpgp';
import {
  IN_TOTO_PAYLOAD_TYPE,
  REBUILD_PREDICATE_TYPE,
  rebuildPredicateSchema,
  statementSchema,
  VERIFIER_ID_PREFIX,
  VSA_PREDICATE_TYPE,
  vsaPredicateSchema,
  type AttestationVerdict,
  type DsseEnvelope,
  type Statement,
} from '../../../shared/attestation';
import { fingerprintOf } from '../lib/openpgp/keyFacts';
import { pae } from './dsse';

export interface VerifyEnvelopeOptions {
  /**
   * apt-prod's URI as the consumer knows it. A VSA binds its verdict to one
   * resource; a verifier that does not compare it would accept a VSA made
   * for another repository.
   */
  expectedResourceUri?: string;
}

const decode = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

/** The fingerprint of the trusted (sub)key whose signature over `bytes` verifies, or why none does. */
async function trustedSigner(
  bytes: Uint8Array,
  signatures: DsseEnvelope['signatures'],
  publicKeys: openpgp.PublicKey[],
): Promise<{ fingerprint: string } | { problem: string }> {
  let problem = 'no signature verifies with a trusted key';
  for (const { keyid, sig } of signatures) {
    let signature: openpgp.Signature;
    try {
      signature = await openpgp.readSignature({ binarySignature: decode(sig) });
    } catch {
      problem = 'a signature is not an OpenPGP signature';
      continue;
    }
    const { signatures: checks } = await openpgp.verify({
      message: await openpgp.createMessage({ binary: bytes }),
      signature,
      verificationKeys: publicKeys,
    });
    for (const check of checks) {
      const verified = await check.verified.then(
        () => true,
        () => false,
      );
      if (!verified) continue;
      const part = publicKeys.flatMap((key) => key.getKeys(check.keyID))[0];
      if (!part) continue;
      const fingerprint = fingerprintOf(part);
      // keyid is unauthenticated; a mismatch means the envelope was assembled wrongly or edited.
      if (keyid && keyid.toUpperCase() !== fingerprint) {
        problem = `the signature by ${fingerprint} is labelled with keyid ${keyid}`;
        continue;
      }
      return { fingerprint };
    }
  }
  return { problem };
}

/** Our own checks of a statement's predicate, by type; null when it passes. */
function predicateProblem(
  statement: Statement,
  options: VerifyEnvelopeOptions,
): { problem: string | null; resourceUri: string | null } {
  if (statement.predicateType === VSA_PREDICATE_TYPE) {
    const parsed = vsaPredicateSchema.safeParse(statement.predicate);
    if (!parsed.success) return { problem: 'the VSA predicate is malformed', resourceUri: null };
    const vsa = parsed.data;
    const resourceUri = vsa.resourceUri;
    if (vsa.verificationResult !== 'PASSED') {
      return { problem: `the VSA says ${vsa.verificationResult}`, resourceUri };
    }
    if (!vsa.verifier.id.startsWith(VERIFIER_ID_PREFIX)) {
      return { problem: `the VSA's verifier is ${vsa.verifier.id}, not Countersign`, resourceUri };
    }
    return { problem: resourceUriProblem(resourceUri, options), resourceUri };
  }
  if (statement.predicateType === REBUILD_PREDICATE_TYPE) {
    const parsed = rebuildPredicateSchema.safeParse(statement.predicate);
    if (!parsed.success) {
      return { problem: 'the rebuild predicate is malformed', resourceUri: null };
    }
    const predicate = parsed.data;
    const resourceUri = predicate.promotion.resourceUri;
    const [subject] = statement.subject;
    if (
      statement.subject.length !== 1 ||
      subject?.digest.sha256 !== predicate.comparison.ciSha256
    ) {
      return {
        problem: 'the subject is not the artifact the comparison names',
        resourceUri,
      };
    }
    return { problem: resourceUriProblem(resourceUri, options), resourceUri };
  }
  return {
    problem: `the predicate type ${statement.predicateType} is not one Countersign issues`,
    resourceUri: null,
  };
}

function resourceUriProblem(actual: string, options: VerifyEnvelopeOptions): string | null {
  if (options.expectedResourceUri === undefined || actual === options.expectedResourceUri) {
    return null;
  }
  return `it is about ${actual}, not ${options.expectedResourceUri}`;
}

/**
 * Checks a DSSE envelope of ours: a signature by one of `publicKeys` over
 * PAE(payloadType, payload), an in-toto Statement v1 whose subjects carry
 * SHA-256 digests, and a predicate of a type Countersign issues. For a VSA
 * also its verificationResult, verifier and resourceUri, which the SLSA spec
 * asks verifiers to check and many skip. Never throws for a bad envelope:
 * the verdict says why.
 */
export async function verifyEnvelope(
  envelope: DsseEnvelope,
  publicKeys: openpgp.PublicKey[],
  options: VerifyEnvelopeOptions = {},
): Promise<AttestationVerdict> {
  const verdict: AttestationVerdict = {
    valid: false,
    reason: null,
    predicateType: null,
    signedBy: null,
    subjects: [],
    resourceUri: null,
    resourceUriChecked: options.expectedResourceUri !== undefined,
  };
  const fail = (reason: string): AttestationVerdict => ({ ...verdict, reason });
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    return fail(`the payload type is ${envelope.payloadType}, not ${IN_TOTO_PAYLOAD_TYPE}`);
  }
  const payload = decode(envelope.payload);
  const signer = await trustedSigner(
    pae(envelope.payloadType, payload),
    envelope.signatures,
    publicKeys,
  );
  if ('problem' in signer) return fail(`The signature does not verify: ${signer.problem}.`);
  verdict.signedBy = signer.fingerprint;
  // Only signed bytes are parsed, and only after the signature checked out.
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return fail('The signed payload is not JSON.');
  }
  const statement = statementSchema.safeParse(json);
  if (!statement.success) {
    return fail('The signed payload is not an in-toto Statement v1 with SHA-256 subject digests.');
  }
  verdict.predicateType = statement.data.predicateType;
  verdict.subjects = statement.data.subject;
  const { problem, resourceUri } = predicateProblem(statement.data, options);
  verdict.resourceUri = resourceUri;
  if (problem) return fail(`The attestation is not acceptable: ${problem}.`);
  return { ...verdict, valid: true };
}
