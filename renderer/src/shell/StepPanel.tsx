import { CompareStep } from '../steps/Compare/CompareStep';
import { PromoteStep } from '../steps/Promote/PromoteStep';
import { RebuildStep } from '../steps/Rebuild/RebuildStep';
import { ReviewStep } from '../steps/Review/ReviewStep';
import { TagStep } from '../steps/Tag/TagStep';
import { VerifyStep } from '../steps/Verify/VerifyStep';
import { useUiStore } from '../stores/uiStore';
import { STEP_PANEL_ID, stepTabId } from './Stepper';

/** The content of the step chosen in the stepper. */
export function StepPanel() {
  const step = useUiStore((state) => state.step);
  return (
    <section
      className="step-panel"
      role="tabpanel"
      id={STEP_PANEL_ID}
      aria-labelledby={stepTabId(step)}
    >
      {step === 'tag' ? <TagStep /> : null}
      {step === 'rebuild' ? <RebuildStep /> : null}
      {step === 'compare' ? <CompareStep /> : null}
      {step === 'review' ? <ReviewStep /> : null}
      {step === 'promote' ? <PromoteStep /> : null}
      {step === 'verify' ? <VerifyStep /> : null}
    </section>
  );
}
