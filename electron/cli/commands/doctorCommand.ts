import {
  blockedSteps,
  machineUsable,
  type MachineReport,
  type ToolCheck,
} from '../../../shared/doctor';
import { checkMachine } from '../../core/doctor/index';
import { EXIT } from '../exitCodes';
import { parseOptions } from '../parseOptions';
import { safeForTerminal } from '../terminalText';

export const doctorUsage =
  'countersign doctor [--json]\n' +
  '  Checks the tools the steps run (git, Docker and its engine, mmdebstrap, diffoscope, xz, gpgv):\n' +
  '  which are present and usable, the steps each missing one blocks, and the command that fixes it.';

const STATUS_MARK: Record<ToolCheck['status'], string> = {
  ok: '✔ ok',
  missing: '✘ missing',
  unusable: '✘ unusable',
};

function blocksText(check: ToolCheck): string {
  if (check.blocks.length === 0) return '(no step)';
  return check.blocks.map((need) => (need.only ? `${need.step} (part)` : need.step)).join(', ');
}

/** The report as a table a release manager reads, then each fix, then what cannot run. */
export function machineReportText(report: MachineReport): string {
  const rows = report.tools.map((check) => [
    check.tool,
    STATUS_MARK[check.status],
    safeForTerminal(check.version ?? '—'),
    blocksText(check),
    safeForTerminal(check.fix ?? ''),
  ]);
  const header = ['tool', 'status', 'version', 'blocks if missing', 'fix'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const lines = [line(header), ...rows.map(line)];

  const broken = report.tools.filter((check) => check.status !== 'ok');
  for (const check of broken) {
    lines.push('', `${check.tool}: ${safeForTerminal(check.problem ?? '')}`);
    if (check.fix) lines.push(`  run: ${safeForTerminal(check.fix)}`);
  }

  const blocked = blockedSteps(report);
  lines.push('');
  if (blocked.length === 0 && broken.length === 0) {
    lines.push('✔ Every step can run on this machine.');
  } else if (blocked.length === 0) {
    lines.push('✔ Every step can run on this machine; fix the above to check as your users will.');
  } else {
    for (const step of blocked) {
      for (const { check, only } of step.blockers) {
        lines.push(
          only
            ? `✘ ${step.step}: ${only} cannot run here: ${check.tool} is ${check.status}.`
            : `✘ ${step.step} cannot run here: ${check.tool} is ${check.status}.`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `countersign doctor`: exit 0 every tool usable, 1 something missing or unusable, 2 bad input. */
export async function doctorCommand(args: string[]): Promise<number> {
  const values = parseOptions(args, { json: { type: 'boolean' } }, doctorUsage);
  const report = await checkMachine();
  process.stdout.write(
    values.json ? `${JSON.stringify(report, null, 2)}\n` : machineReportText(report),
  );
  return machineUsable(report) ? EXIT.ok : EXIT.refused;
}
