import { UntrustedText } from '../../components/UntrustedText';
import { JobProgress } from '../../jobs/JobProgress';
import { usePromoteStore } from './promoteStore';
import { promotePhaseStates, type PromotePhaseState } from './promotePhases';

const PHASE_STATE_LABEL: Record<PromotePhaseState, string> = {
  done: 'done',
  current: 'in progress',
  waiting: 'waiting',
  failed: 'failed',
  stopped: 'stopped',
};

/** The publication under way: the plan checked again, then pool, indexes, sign, switch, cleanup. */
export function PublishProgress() {
  const phase = usePromoteStore((state) => state.publication.phase);
  const progress = usePromoteStore((state) => state.publication.progress);
  const jobState = usePromoteStore((state) => state.publication.jobState);
  const phases = promotePhaseStates(phase, jobState);
  return (
    <div
      className="promote-progress"
      role="status"
      data-testid="promote-progress"
      data-phase={phase ?? ''}
    >
      <p className="promote-progress__phase">
        Publishing: <UntrustedText text={phase ?? 'starting'} />
      </p>
      <ol className="promote-progress__list">
        {phases.map((item) => (
          <li
            key={item.name}
            className={`promote-phase promote-phase--${item.state}`}
            data-testid="promote-phase"
            data-phase={item.name}
            data-phase-state={item.state}
            aria-current={item.state === 'current' ? 'step' : undefined}
          >
            <span className="promote-phase__label">{item.label}</span>
            <span className="promote-phase__state">{PHASE_STATE_LABEL[item.state]}</span>
          </li>
        ))}
      </ol>
      <JobProgress progress={progress} state="running" label="Progress of the publication" />
    </div>
  );
}
