import type { ReleaseStep } from '../../../shared/doctor';
import type { ReleaseState } from '../../../shared/releases';

/** The six steps' parts of a release's state. */
export type StepProgress = Pick<
  ReleaseState,
  'tagVerified' | 'rebuilt' | 'compared' | 'reviewed' | 'promoted' | 'verified'
>;

/** A release none of whose steps has happened. */
export const NOTHING_DONE: StepProgress = {
  tagVerified: null,
  rebuilt: null,
  compared: null,
  reviewed: null,
  promoted: null,
  verified: null,
};

/**
 * Where a release continues: the first of the six steps not done. A rebuild
 * counts whether or not it was reproducible; a review when every differing
 * artifact is decided (none to decide after an identical comparison); QA's
 * verification only when it passed.
 */
export function nextStep(state: StepProgress): ReleaseStep | null {
  if (!state.tagVerified) return 'tag';
  if (!state.rebuilt) return 'rebuild';
  if (!state.compared) return 'compare';
  if (!state.reviewed || state.reviewed.decided < state.reviewed.total) return 'review';
  if (!state.promoted) return 'promote';
  if (!state.verified?.passed) return 'verify';
  return null;
}
