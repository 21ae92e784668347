import { CompareStep } from '../steps/Compare/CompareStep';
import { PromoteStep } from '../steps/Promote/PromoteStep';
import { RebuildStep } from '../steps/Rebuild/RebuildStep';
import { ReferenceRebuildFacts } from '../steps/Rebuild/ReferenceRebuildFacts';
// Where ReviewStep was imported, so the bundle's CSS keeps its order (review's before verify's).
import { ReviewOfComparison } from './ReviewOfComparison';
import { TagStep } from '../steps/Tag/TagStep';
import { VerifyStep } from '../steps/Verify/VerifyStep';
import { useUiStore } from '../stores/uiStore';
import { STEP_PANEL_ID, stepTabId } from './Stepper';

/**
 * The content of the step chosen in the stepper. Where one step shows what
 * another knows (the rebuild beside the comparison, the comparison under
 * review), it is joined here, since steps never import each other.
 */
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
      {step === 'compare' ? (
        <CompareStep renderLocalSource={(tag) => <ReferenceRebuildFacts tag={tag} />} />
      ) : null}
      {step === 'review' ? <ReviewOfComparison /> : null}
      {step === 'promote' ? <PromoteStep /> : null}
      {step === 'verify' ? <VerifyStep /> : null}
    </section>
  );
}
