import { useEffect } from 'react';
import { stepBlockers } from '../../../shared/doctor';
import { MachineNotice } from '../components/MachineNotice';
import { CompareStep } from '../steps/Compare/CompareStep';
import { PromoteStep } from '../steps/Promote/PromoteStep';
import { RebuildStep } from '../steps/Rebuild/RebuildStep';
import { ReferenceRebuildFacts } from '../steps/Rebuild/ReferenceRebuildFacts';
// Where ReviewStep was imported, so the bundle's CSS keeps its order (review's before verify's).
import { ReviewOfComparison } from './ReviewOfComparison';
import { TagStep } from '../steps/Tag/TagStep';
import { VerifyStep } from '../steps/Verify/VerifyStep';
import { useMachineStore } from '../stores/machineStore';
import { useUiStore } from '../stores/uiStore';
import { NextStepAction } from './NextStepAction';
import { STEP_PANEL_ID, stepTabId } from './Stepper';

/**
 * The content of the step chosen in the stepper. Where one step shows what
 * another knows (the rebuild beside the comparison, the comparison under
 * review), it is joined here, since steps never import each other. Above a
 * step whose tools this machine lacks, a notice says so before it is started;
 * above a finished one, the way to the next.
 */
export function StepPanel() {
  const step = useUiStore((state) => state.step);
  const machine = useMachineStore((state) => state.report);
  useEffect(() => {
    void useMachineStore.getState().checkOnce();
  }, []);
  const blocked = machine ? stepBlockers(machine, step) : null;
  return (
    <section
      className="step-panel"
      role="tabpanel"
      id={STEP_PANEL_ID}
      aria-labelledby={stepTabId(step)}
    >
      {blocked ? <MachineNotice blocked={blocked} /> : null}
      <NextStepAction />
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
