import { ruleProblem, type DecisionRule } from '../../../shared/decisionRule';
import { CountersignError } from '../../../shared/errors';

/**
 * Refuses a rule that cannot select anything as written (a path pattern such
 * as `[[[`), with the reason, instead of recording that it matched nothing.
 */
export function refuseUnusableRule(rule: DecisionRule): void {
  const problem = ruleProblem(rule);
  if (problem === null) return;
  throw new CountersignError(
    'INVALID_REQUEST',
    problem,
    rule.by === 'path'
      ? 'Path patterns: * and ? stay within one folder, ** crosses folders, [a-z] matches one character of a set; e.g. usr/share/doc/** or *.gz'
      : undefined,
  );
}
