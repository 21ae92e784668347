import { UntrustedText } from '../components/UntrustedText';
import { nextOpenStep, STEPS } from '../steps/stepCatalog';
import { useReleaseStore } from '../stores/releaseStore';
import { useUiStore } from '../stores/uiStore';
import { useVerifiedTag } from '../stores/useVerifiedTag';
import { stepTabId, useFinishedSteps, useStepContext } from './Stepper';

/**
 * Once the step shown is finished for the release in view, says so and offers
 * the next step that can be opened. Step 1 offers it only while the tag
 * chosen there is that release's (not after another tag was refused).
 */
export function NextStepAction() {
  const current = useUiStore((state) => state.step);
  const showStep = useUiStore((state) => state.showStep);
  const tag = useVerifiedTag();
  const chosen = useReleaseStore((state) => state.selectedTag.trim());
  const finished = useFinishedSteps();
  const next = nextOpenStep(current, useStepContext());
  if (tag === null || next === null || !finished.has(current)) return null;
  if (current === 'tag' && chosen !== tag) return null;
  const label = STEPS.find((step) => step.id === current)?.label ?? current;
  return (
    <div className="next-step" data-testid="next-step">
      <p className="next-step__text">
        <span aria-hidden="true">✓ </span>
        {label} done for <UntrustedText text={tag} />.
      </p>
      <button
        type="button"
        className="button button--primary"
        data-testid="next-step-button"
        onClick={() => {
          showStep(next.id);
          document.getElementById(stepTabId(next.id))?.focus();
        }}
      >
        Next: {next.label} <span aria-hidden="true">→</span>
      </button>
    </div>
  );
}
