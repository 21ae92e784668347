import { z } from 'zod';
import { rebuildRecipeSchema } from './rebuild';

/**
 * Attestations others can check (issue 8): what Countersign did for a
 * release, as in-toto Statements in DSSE envelopes signed by the release key.
 * Every field is described in docs/attestations.md; a field's meaning never
 * changes under a predicate type once published (a new meaning gets /v2).
 */
export const IN_TOTO_STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const REBUILD_PREDICATE_TYPE = 'https://countersign.dev/attestations/rebuild/v1';
export const VSA_PREDICATE_TYPE = 'https://slsa.dev/verification_summary/v1';
/** The verifier's id is this followed by Countersign's version. */
export const VERIFIER_ID_PREFIX = 'https://countersign.dev/countersign@';
/** The promotion gate of docs/architecture.md (step 5), as a policy a VSA names. */
export const PROMOTION_POLICY_URI = 'https://countersign.dev/policies/promotion/v1';
/**
 * What a VSA of ours claims. SLSA_BUILD_LEVEL_0 because Countersign never
 * reads CI's provenance, so no higher Build level was verified; the custom
 * level (custom values must not start with "SLSA_") names what was checked.
 */
export const VERIFIED_LEVELS = ['SLSA_BUILD_LEVEL_0', 'COUNTERSIGN_REBUILT_AND_REVIEWED_V1'];

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');

/** An in-toto ResourceDescriptor as we use it: a name and at least a SHA-256. */
export const subjectSchema = z.object({
  name: z.string().min(1),
  digest: z.object({ sha256: sha256Hex }).catchall(z.string()),
});
export type AttestationSubject = z.infer<typeof subjectSchema>;

/** An in-toto Statement v1, its predicate not yet read. */
export const statementSchema = z.object({
  _type: z.literal(IN_TOTO_STATEMENT_TYPE),
  subject: z.array(subjectSchema).min(1),
  predicateType: z.string().min(1),
  predicate: z.record(z.string(), z.unknown()),
});
export type Statement = z.infer<typeof statementSchema>;

const decisionInStatementSchema = z.object({
  differenceId: z.string(),
  decision: z.enum(['accepted', 'blocking']),
  comment: z.string(),
  reviewer: z.string(),
  at: z.string(),
  rule: z.string().nullable(),
});

/** One promoted artifact: where it came from, how it was rebuilt, compared, reviewed, promoted. */
export const rebuildPredicateSchema = z.object({
  source: z.object({
    repository: z.string().nullable(),
    tag: z.string(),
    commit: z.string(),
    tagSigner: z.object({
      fingerprint: z.string().nullable(),
      signingKey: z.string().nullable(),
      verifiedAt: z.string(),
    }),
  }),
  rebuild: z.object({
    image: z.object({ reference: z.string(), digest: z.string() }),
    recipe: rebuildRecipeSchema,
    sourceDateEpoch: z.number(),
    finishedAt: z.string(),
  }),
  comparison: z.object({
    status: z.enum(['identical', 'differs']),
    ciSha256: sha256Hex,
    localSha256: sha256Hex,
    comparedAt: z.string(),
  }),
  review: z.object({
    verdict: z.enum(['not-needed', 'approved']),
    reportSha256: sha256Hex.nullable(),
    decisions: z.array(decisionInStatementSchema),
  }),
  promotion: z.object({
    publication: z.string(),
    resourceUri: z.string(),
    signedBy: z.string(),
    promotedAt: z.string(),
  }),
});
export type RebuildPredicate = z.infer<typeof rebuildPredicateSchema>;

/** SLSA Verification Summary Attestation v1, as the SLSA spec defines it. */
export const vsaPredicateSchema = z.object({
  verifier: z.object({ id: z.string(), version: z.record(z.string(), z.string()).optional() }),
  timeVerified: z.string(),
  resourceUri: z.string(),
  policy: z.object({ uri: z.string() }),
  inputAttestations: z.array(
    z.object({ uri: z.string(), digest: z.object({ sha256: sha256Hex }) }),
  ),
  verificationResult: z.enum(['PASSED', 'FAILED']),
  verifiedLevels: z.array(z.string()),
  slsaVersion: z.string().optional(),
});
export type VsaPredicate = z.infer<typeof vsaPredicateSchema>;

/** A DSSE envelope (https://github.com/secure-systems-lab/dsse), base64 as standard encoding. */
export const dsseEnvelopeSchema = z.object({
  payloadType: z.string(),
  payload: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
  signatures: z.array(z.object({ keyid: z.string().optional(), sig: z.string().min(1) })).min(1),
});
export type DsseEnvelope = z.infer<typeof dsseEnvelopeSchema>;

/** What `attest verify` answers: valid, or why not; and what was attested. */
export interface AttestationVerdict {
  valid: boolean;
  /** Why it is not valid, for a person; null when valid. */
  reason: string | null;
  predicateType: string | null;
  /** The fingerprint of the (sub)key whose signature verified. */
  signedBy: string | null;
  subjects: AttestationSubject[];
  /** The VSA's resourceUri, or the rebuild statement's promotion.resourceUri. */
  resourceUri: string | null;
  /** Whether resourceUri was compared with an expected one (a verifier must). */
  resourceUriChecked: boolean;
}
