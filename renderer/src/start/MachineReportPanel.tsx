import { useEffect } from 'react';
import type { RELEASE_STEPS, ToolCheck } from '../../../shared/doctor';
import { UntrustedText } from '../components/UntrustedText';
import { useMachineStore } from '../stores/machineStore';

const STEP_LABEL: Record<(typeof RELEASE_STEPS)[number], string> = {
  tag: 'Tag',
  rebuild: 'Rebuild',
  compare: 'Compare',
  review: 'Review',
  promote: 'Promote',
  verify: 'Verify',
};

/** What a tool that is missing keeps from running, in words. */
function blocksText(check: ToolCheck): string {
  if (check.blocks.length === 0) return 'No step runs it; apt’s users check signatures with it.';
  const parts = check.blocks.map((need) =>
    need.only ? `${STEP_LABEL[need.step]} (${need.only})` : STEP_LABEL[need.step],
  );
  return `Without it: ${parts.join(', ')}.`;
}

/** One tool: present with its version, or missing/unusable with what it blocks and the fix. */
function ToolRow({ check }: { check: ToolCheck }) {
  const ok = check.status === 'ok';
  return (
    <li
      className={`machine-tool machine-tool--${check.status}`}
      data-testid="machine-tool"
      data-tool={check.tool}
      data-status={check.status}
    >
      <p className="machine-tool__head">
        <span className="machine-tool__mark" aria-hidden="true">
          {ok ? '✓' : '!'}
        </span>
        <strong>{check.tool}</strong>{' '}
        <span className="machine-tool__status">
          {ok ? (check.version ?? 'present') : check.status}
        </span>
      </p>
      <p className="machine-tool__purpose">
        <UntrustedText text={check.purpose} />
      </p>
      {ok ? null : (
        <>
          {check.problem ? (
            <p className="machine-tool__problem">
              <UntrustedText text={check.problem} />
            </p>
          ) : null}
          <p className="machine-tool__blocks">{blocksText(check)}</p>
          {check.fix ? (
            <p>
              Run: <code className="machine-notice__fix">{check.fix}</code>
            </p>
          ) : null}
        </>
      )}
    </li>
  );
}

/** What this machine can do: each outside tool, and for a missing one what it blocks and the command. */
export function MachineReportPanel() {
  const report = useMachineStore((state) => state.report);
  const error = useMachineStore((state) => state.error);
  useEffect(() => {
    void useMachineStore.getState().checkOnce();
  }, []);
  const missing = report?.tools.filter((check) => check.status !== 'ok').length ?? 0;
  return (
    <section
      className="panel start-card"
      aria-labelledby="machine-heading"
      data-testid="machine-report"
    >
      <h3 className="panel__title" id="machine-heading">
        This machine
      </h3>
      <p className="panel__intro" role="status">
        {report
          ? missing === 0
            ? 'Every tool a release walk runs is here.'
            : `${missing} ${missing === 1 ? 'tool is' : 'tools are'} missing or unusable: the steps they block say so before you start them.`
          : error
            ? `The tools could not be checked: ${error.message}`
            : 'Checking the tools…'}
      </p>
      {report ? (
        <ul className="machine-tools" aria-label="Tools">
          {report.tools.map((check) => (
            <ToolRow key={check.tool} check={check} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
