import { useRef, type KeyboardEvent } from 'react';
import { useComparisonState } from '../steps/Compare/useCompareTag';
import { useVerifiedTag } from '../stores/useVerifiedTag';
import { STEPS, stepAvailability, type StepContext, type StepId } from '../steps/stepCatalog';
import { useCompareStore } from '../steps/Compare/compareStore';
import { usePromoteStore } from '../steps/Promote/promoteStore';
import { useRebuildStore } from '../steps/Rebuild/rebuildStore';
import { useVerifyStore } from '../steps/Verify/verifyStore';
import { useUiStore } from '../stores/uiStore';

export const stepTabId = (step: StepId) => `step-tab-${step}`;
export const STEP_PANEL_ID = 'step-panel';

/** What opens the steps: the verified tag, what its comparison found, and the work under way. */
function useStepContext(): StepContext {
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
 * The six steps of a release as a tablist. Arrow keys, Home and End move focus
 * between steps (unavailable ones too, so their state can be discovered);
 * Enter or Space opens an available step. Tab leaves the list. Rebuild and
 * Compare open once the chosen tag is verified, Review once its comparison
 * found something to review.
 */
export function Stepper() {
  const current = useUiStore((state) => state.step);
  const showStep = useUiStore((state) => state.showStep);
  const context = useStepContext();
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
          return (
            <button
              key={step.id}
              ref={(element) => {
                tabs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={stepTabId(step.id)}
              className="stepper__step"
              aria-selected={selected}
              aria-controls={selected ? STEP_PANEL_ID : undefined}
              aria-disabled={availability.available ? undefined : true}
              aria-describedby={hintId}
              title={
                availability.available ? step.purpose : `${step.label}: ${availability.reason}`
              }
              tabIndex={selected ? 0 : -1}
              data-testid={`step-${step.id}`}
              onKeyDown={(event) => onKeyDown(event, index)}
              onClick={() => {
                if (availability.available) showStep(step.id);
              }}
            >
              <span className="stepper__number" aria-hidden="true">
                {index + 1}
              </span>
              <span className="stepper__text">
                <span className="stepper__label">{step.label}</span>
                <span className="stepper__hint" id={hintId}>
                  {availability.available ? step.purpose : availability.reason}
                </span>
              </span>
            </button>
          );
        })}
      </div>
    </nav>
  );
}
