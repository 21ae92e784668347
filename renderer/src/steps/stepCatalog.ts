/**
 * The release walk, in order. Only the steps whose engine exists are available,
 * and the rebuild only once the tag is verified (`needsVerifiedTag`).
 */
export const STEPS = [
  { id: 'tag', label: 'Tag', purpose: 'Check who signed the release tag', available: true },
  {
    id: 'rebuild',
    label: 'Rebuild',
    purpose: 'Rebuild from the tagged source',
    available: true,
    needsVerifiedTag: true,
  },
  {
    id: 'compare',
    label: 'Compare',
    purpose: 'Compare CI artifacts with the rebuild',
    available: false,
  },
  { id: 'review', label: 'Review', purpose: 'Decide on each difference', available: false },
  { id: 'promote', label: 'Promote', purpose: 'Sign and publish to apt-prod', available: false },
  { id: 'verify', label: 'Verify', purpose: 'Trace every published file', available: false },
] as const;

export type StepId = (typeof STEPS)[number]['id'];
export type StepInfo = (typeof STEPS)[number];

export const NOT_YET_AVAILABLE = 'Not yet available';
export const VERIFY_TAG_FIRST = 'Verify the tag first';

/** Whether a step can be opened now, and if not, why (shown in its tab). */
export function stepAvailability(
  step: StepInfo,
  tagVerified: boolean,
): { available: true } | { available: false; reason: string } {
  if (!step.available) return { available: false, reason: NOT_YET_AVAILABLE };
  if ('needsVerifiedTag' in step && !tagVerified)
    return { available: false, reason: VERIFY_TAG_FIRST };
  return { available: true };
}
