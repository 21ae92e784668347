import type { ReleaseState } from '../../../shared/releases';

/**
 * The release walk, in order. Only the steps whose engine exists are available;
 * Rebuild, Compare and Promote once the tag is verified (`needs: 'verified-tag'`;
 * Promote's own gate says what else is missing), and Review once a comparison
 * found something to review (`needs: 'differences'`). Verify is always open: QA checks
 * any apt-prod by URL and public key, a release's review being optional context.
 */
export const STEPS = [
  { id: 'tag', label: 'Tag', purpose: 'Check who signed the release tag', available: true },
  {
    id: 'rebuild',
    label: 'Rebuild',
    purpose: 'Rebuild from the tagged source',
    available: true,
    needs: 'verified-tag',
  },
  {
    id: 'compare',
    label: 'Compare',
    purpose: 'Compare CI artifacts with the rebuild',
    available: true,
    needs: 'verified-tag',
  },
  {
    id: 'review',
    label: 'Review',
    purpose: 'Decide on each difference',
    available: true,
    needs: 'differences',
  },
  {
    id: 'promote',
    label: 'Promote',
    purpose: 'Sign and publish to apt-prod',
    available: true,
    needs: 'verified-tag',
  },
  {
    id: 'verify',
    label: 'Verify',
    purpose: 'Trace every published file',
    // QA verifies any apt-prod by URL and public key: a release's review is context, not a need.
    available: true,
  },
] as const;

export type StepId = (typeof STEPS)[number]['id'];
export type StepInfo = (typeof STEPS)[number];

/** What the comparison of the verified tag found: none yet, all identical, or something to review. */
export type ComparisonState = 'none' | 'identical' | 'differs';

/** What decides which steps are open. */
export interface StepContext {
  tagVerified: boolean;
  comparison: ComparisonState;
  /** Steps whose work is under way: they stay open whatever else changed meanwhile. */
  busy: readonly StepId[];
}

export const NOT_YET_AVAILABLE = 'Not yet available';
export const VERIFY_TAG_FIRST = 'Verify the tag first';
export const COMPARE_FIRST = 'Compare the artifacts first';
export const NOTHING_TO_REVIEW = 'Nothing differs';

/** Whether a step can be opened now, and if not, why (shown in its tab). */
export function stepAvailability(
  step: StepInfo,
  context: StepContext,
): { available: true } | { available: false; reason: string } {
  if (!step.available) return { available: false, reason: NOT_YET_AVAILABLE };
  if (!('needs' in step) || context.busy.includes(step.id)) return { available: true };
  if (!context.tagVerified) return { available: false, reason: VERIFY_TAG_FIRST };
  if (step.needs === 'differences') {
    if (context.comparison === 'none') return { available: false, reason: COMPARE_FIRST };
    if (context.comparison === 'identical') return { available: false, reason: NOTHING_TO_REVIEW };
  }
  return { available: true };
}

/** What a release's review folder records of it, as far as the steps' marks need. */
export type RecordedRelease = Pick<
  ReleaseState,
  'tagVerified' | 'rebuilt' | 'compared' | 'reviewed' | 'promoted' | 'verified'
>;

/**
 * The steps a release has finished, as its review folder records them, judged
 * as the engine's `next` is: Review when every differing artifact is decided
 * (none to decide after an identical comparison), Verify only when QA's
 * verification passed.
 */
export function finishedSteps(release: RecordedRelease | null): Set<StepId> {
  const done = new Set<StepId>();
  if (release === null) return done;
  if (release.tagVerified) done.add('tag');
  if (release.rebuilt) done.add('rebuild');
  if (release.compared) done.add('compare');
  if (release.reviewed !== null && release.reviewed.decided >= release.reviewed.total) {
    done.add('review');
  }
  if (release.promoted) done.add('promote');
  if (release.verified?.passed) done.add('verify');
  return done;
}

/** The step after this one that can be opened now, skipping any that cannot (Review when nothing differs). */
export function nextOpenStep(current: StepId, context: StepContext): StepInfo | null {
  // The walk goes on only from a verified tag; Verify's being always open is for QA, not a next step.
  if (!context.tagVerified) return null;
  const index = STEPS.findIndex((step) => step.id === current);
  return STEPS.slice(index + 1).find((step) => stepAvailability(step, context).available) ?? null;
}
