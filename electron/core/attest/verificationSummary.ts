import {
  IN_TOTO_STATEMENT_TYPE,
  PROMOTION_POLICY_URI,
  VERIFIED_LEVELS,
  VERIFIER_ID_PREFIX,
  VSA_PREDICATE_TYPE,
  type AttestationSubject,
  type Statement,
  type VsaPredicate,
} from '../../../shared/attestation';

/** Countersign's version, as `countersign --version` prints it. */
export const COUNTERSIGN_VERSION = '0.1.0';

export interface VerificationSummaryInput {
  /** Every promoted artifact. */
  subjects: AttestationSubject[];
  /** The signed rebuild statements it rests on: their file names and the SHA-256 of their bytes. */
  inputAttestations: { uri: string; sha256: string }[];
  /** apt-prod: the resource this verification is about. */
  resourceUri: string;
  timeVerified: Date;
}

/**
 * A SLSA Verification Summary Attestation (v1) for the promoted set: each
 * subject passed Countersign's promotion gate for apt-prod. Only ever made
 * for a promotion that happened, so the result is always PASSED.
 */
export function buildVerificationSummary(input: VerificationSummaryInput): Statement {
  const predicate: VsaPredicate = {
    verifier: {
      id: `${VERIFIER_ID_PREFIX}${COUNTERSIGN_VERSION}`,
      version: { countersign: COUNTERSIGN_VERSION },
    },
    timeVerified: input.timeVerified.toISOString(),
    resourceUri: input.resourceUri,
    policy: { uri: PROMOTION_POLICY_URI },
    inputAttestations: input.inputAttestations.map(({ uri, sha256 }) => ({
      uri,
      digest: { sha256 },
    })),
    verificationResult: 'PASSED',
    verifiedLevels: [...VERIFIED_LEVELS],
    slsaVersion: '1.0',
  };
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: input.subjects,
    predicateType: VSA_PREDICATE_TYPE,
    predicate,
  };
}
