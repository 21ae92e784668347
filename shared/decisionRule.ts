import { pathPattern, pathPatternProblem } from './pathPattern';
import type { DecideRequest, DifferenceNode } from './review';

/** A rule that decides many differences at once, as review:decide takes it. */
export type DecisionRule = NonNullable<DecideRequest['rule']>;

/**
 * Why a rule cannot be used, as a sentence for a person, or null when it can:
 * a path pattern that is not one (`[[[`) would otherwise match nothing
 * without a word. The UI shows it beside the field; the engine refuses the
 * rule with it.
 */
export function ruleProblem(rule: DecisionRule): string | null {
  if (rule.by === 'path') return pathPatternProblem(rule.pattern);
  return rule.contains.trim() === '' ? 'Give the text diffoscope’s comments should contain.' : null;
}

/**
 * Whether a rule selects a node, as the engine decides it: the member's name
 * on either side matches the path pattern (shared/pathPattern.ts), or one of
 * diffoscope's comments on it contains the text. Throws for a rule with a
 * problem (`ruleProblem`).
 */
export function ruleSelects(rule: DecisionRule): (node: DifferenceNode) => boolean {
  if (rule.by === 'path') {
    const matches = pathPattern(rule.pattern);
    return (node) => matches(node.source1) || matches(node.source2);
  }
  return (node) => node.comments.some((comment) => comment.includes(rule.contains));
}

/**
 * The differences a rule would decide: those decided on their own (one that
 * follows from others is decided with them) that it selects. Shown before the
 * user confirms, so the count is never a surprise.
 */
export function ruleSelection(
  rule: DecisionRule,
  nodes: readonly DifferenceNode[],
): DifferenceNode[] {
  const selects = ruleSelects(rule);
  return nodes.filter((node) => node.decidable && node.explainedBy === null && selects(node));
}

/** How a rule is named in the audit log beside each difference it decided. */
export function describeRule(rule: DecisionRule): string {
  return rule.by === 'path'
    ? `path ${rule.pattern}`
    : `comment contains ${JSON.stringify(rule.contains)}`;
}
