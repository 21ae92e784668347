import { useId } from 'react';
import type { BlockedStep } from '../../../shared/doctor';

/**
 * Above a step that cannot run on this machine (or only in part): which tool
 * is missing or unusable and the exact command that fixes it, said before the
 * user starts the step rather than as a failure halfway. Text only.
 */
export function MachineNotice({ blocked }: { blocked: BlockedStep }) {
  const headingId = useId();
  return (
    <section
      className="machine-notice"
      role="status"
      aria-labelledby={headingId}
      data-testid="machine-notice"
    >
      <h3 className="machine-notice__title" id={headingId}>
        {blocked.whole
          ? 'This step cannot run on this machine'
          : 'Part of this step cannot run on this machine'}
      </h3>
      <ul className="machine-notice__list">
        {blocked.blockers.map(({ check, only }) => (
          <li key={`${check.tool}-${only ?? 'whole'}`} className="machine-notice__item">
            <p>
              {check.tool} is {check.status}
              {only ? ` (needed for ${only})` : ''}.
              {check.problem && check.status === 'unusable' ? ` ${check.problem}` : ''}
            </p>
            {check.fix ? (
              <p>
                Run: <code className="machine-notice__fix">{check.fix}</code>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
