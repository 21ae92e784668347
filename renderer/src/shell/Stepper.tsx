import type { ReleaseState } from '../../../shared/releases';
import { useMemo, useRef, type KeyboardEvent } from 'react';
import { useReleasesStore } from '../releases/releasesStore';
import { useComparisonState } from '../steps/Compare/useCompareTag';
import { useVerifiedTag } from '../stores/useVerifiedTag';
import {
  finishedSteps,
  STEPS,
  stepAvailability,
  type StepContext,
  type StepId,
} from '../steps/stepCatalog';
import { useCompareStore } from '../steps/Compare/compareStore';
import { usePromoteStore } from '../steps/Promote/promoteStore';
import { useRebuildStore } from '../steps/Rebuild/rebuildStore';
import { useVerifyStore } from '../steps/Verify/verifyStore';
import { useUiStore } from '../stores/uiStore';

const NO_RELEASES: readonly never[] = [];

/** The steps the release of this tag has finished, as recorded; its tag is verified, or it would not be in view. */
export function finishedStepsOf(
  tag: string | null,
  releases: readonly ReleaseState[],
): Set<StepId> {
  const done = finishedSteps(releases.find((release) => release.tag === tag) ?? null);
  if (tag !== null) done.add('tag');
  return done;
}

export const stepTabId = (step: StepId) => `step-tab-${step}`;
export const STEP_PANEL_ID = 'step-panel';

/** The steps the release in view has finished, as its review folder records them. */
export function useFinishedSteps(): Set<StepId> {
  const tag = useVerifiedTag();
  const releases = useReleasesStore((state) => state.overview?.releases ?? NO_RELEASES);
  return useMemo(() => finishedStepsOf(tag, releases), [tag, releases]);
}

/** What opens the steps: the verified tag, what its comparison found, and the work under way. */
export function useStepContext(): StepContext {
  const tagVerified = useVerifiedTag() !== null;
  const comparison = useComparisonState();
  const rebuilding = useRebuildStore((state) => state.running);
  const comparing = useCompareStore((state) => state.running);
  const publishing = usePromoteStore(
    (state) => state.publication.running || state.publication.rollingBack,
  );
  const verifying = useVerifyStore((state) => state.verification.running);
  const busy: StepId[] = [];
  if (rebuilding) busy.push('rebuild');
  if (comparing) busy.push('compare');
  if (publishing) busy.push('promote');
  if (verifying) busy.push('verify');
  return { tagVerified, comparison, busy };
}

/**
 * The six steps of a release as a tablist, each finished one marked by a tick
 * and its name ("Rebuild Done · …": the visible text is the whole name, as axe asks), never by colour alone. Arrow keys, Home and End move focus
 * between steps (unavailable ones too, so their state can be discovered);
 * Enter or Space opens an available step. Tab leaves the list. Rebuild and
 * Compare open once the chosen tag is verified, Review once its comparison
 * found something to review.
 */
export function Stepper() {
  const current = useUiStore((state) => state.step);
  // The releases overview takes the step panel's place: no tab may point at a panel that is not there.
  const panelShown = !useReleasesStore((state) => state.shown);
  const showStep = useUiStore((state) => state.showStep);
  const context = useStepContext();
  const finished = useFinishedSteps();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  const focusTab = (index: number) => {
    const count = STEPS.length;
    tabs.current[((index % count) + count) % count]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowDown: index + 1,
      ArrowLeft: index - 1,
      ArrowUp: index - 1,
      Home: 0,
      End: STEPS.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    focusTab(target);
  };

  return (
    <nav className="stepper" aria-label="Release steps">
      <div className="stepper__list" role="tablist" aria-orientation="horizontal">
        {STEPS.map((step, index) => {
          const selected = step.id === current;
          const availability = stepAvailability(step, context);
          const hintId = `${stepTabId(step.id)}-hint`;
          const done = finished.has(step.id);
          return (
            <button
              key={step.id}
              ref={(element) => {
                tabs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={stepTabId(step.id)}
              className={`stepper__step${done ? ' stepper__step--done' : ''}`}
              aria-selected={selected}
              aria-controls={selected && panelShown ? STEP_PANEL_ID : undefined}
              aria-disabled={availability.available ? undefined : true}
              aria-describedby={hintId}
              title={
                availability.available ? step.purpose : `${step.label}: ${availability.reason}`
              }
              tabIndex={selected ? 0 : -1}
              data-testid={`step-${step.id}`}
              data-done={done}
              onKeyDown={(event) => onKeyDown(event, index)}
              onClick={() => {
                if (availability.available) showStep(step.id);
              }}
            >
              <span className="stepper__number" aria-hidden="true">
                {done ? '✓' : index + 1}
              </span>
              <span className="stepper__text">
                <span className="stepper__label">{step.label}</span>{' '}
                <span className="stepper__hint" id={hintId}>
                  {availability.available
                    ? done
                      ? `Done · ${step.purpose}`
                      : step.purpose
                    : availability.reason}
                </span>
              </span>
            </button>
          );
        })}
      </div>
    </nav>
  );
}
