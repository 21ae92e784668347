import { decisionStatementSchema, type DecisionStatement } from '../../../../shared/reviewers';
import { canonicalJsonBytes } from '../intoto/canonicalJson';

export const DECISION_STATEMENT_TYPE = 'https://countersign.dev/review-decision/v1';

/** What a decision binds, as the engine knows it when the reviewer decides. */
export interface DecisionFacts {
  /** project.json's id (the identity review folders are kept under). */
  project: string;
  tag: string;
  artifact: { key: string; name: string; ciSha256: string | null; localSha256: string | null };
  reportSha256: string | null;
  differenceId: string | null;
  decision: DecisionStatement['decision'];
  comment: string;
  rule: string | null;
  decidedAt: Date;
}

/** The statement a reviewer signs for one decision, checked against the contract. */
export function decisionStatement(facts: DecisionFacts): DecisionStatement {
  return decisionStatementSchema.parse({
    type: DECISION_STATEMENT_TYPE,
    project: facts.project,
    tag: facts.tag,
    artifact: { ...facts.artifact },
    reportSha256: facts.reportSha256,
    differenceId: facts.differenceId,
    decision: facts.decision,
    comment: facts.comment,
    rule: facts.rule,
    decidedAt: facts.decidedAt.toISOString(),
  });
}

/**
 * The bytes signed: the statement's canonical JSON (keys sorted by code
 * point, no whitespace, as securesystemslib writes it), UTF-8.
 */
export function statementBytes(statement: DecisionStatement): Uint8Array {
  return canonicalJsonBytes(statement);
}
