import type { MachineTool, ToolCheck } from '../../../shared/doctor';
import { dockerStartCommand, installCommand, type FixSetting } from './fixCommands';
import { runProbe, type ProbeRun } from './runProbe';
import { TOOL_NEEDS } from './toolNeeds';

export interface ProbeSetting extends FixSetting {
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

/** How each tool is asked for its version. Docker's asks the engine, so it fails when none answers. */
const PROBES: Record<MachineTool, string[]> = {
  git: ['--version'],
  docker: ['version', '--format', '{{.Server.Version}}'],
  mmdebstrap: ['--version'],
  diffoscope: ['--version'],
  xz: ['--version'],
  gpgv: ['--version'],
};

/** The first version number in a tool's answer: "git version 2.39.5" → "2.39.5", "diffoscope 240" → "240". */
export function versionIn(output: string): string | null {
  const firstLine = output.trim().split('\n')[0] ?? '';
  return /\d+(?:\.\d+)*[^\s)]*/.exec(firstLine)?.[0] ?? (firstLine || null);
}

/** The last non-empty line a tool wrote on stderr: where it says why it failed. */
function lastWords(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .pop() ?? ''
  );
}

function dockerProblem(said: string, setting: ProbeSetting): string {
  const where = setting.dockerHost ? `at DOCKER_HOST=${setting.dockerHost}` : 'on this machine';
  return `docker is installed but no Docker engine answers ${where}${said ? `: ${said}` : '.'}`;
}

/** What a probe's run means for the tool: ok, missing or unusable, and the fix. */
export function judgeProbe(tool: MachineTool, run: ProbeRun, setting: ProbeSetting): ToolCheck {
  const { purpose, blocks } = TOOL_NEEDS[tool];
  const base = { tool, purpose, blocks };
  if (run.kind === 'ran' && run.code === 0) {
    return { ...base, status: 'ok', version: versionIn(run.stdout), problem: null, fix: null };
  }
  if (run.kind === 'not-found') {
    return {
      ...base,
      status: 'missing',
      version: null,
      problem: `${tool} is not installed (not found on the PATH).`,
      fix: installCommand(tool, setting),
    };
  }
  const said =
    run.kind === 'ran'
      ? lastWords(run.stderr) || `it exited with code ${run.code}`
      : run.kind === 'timed-out'
        ? `it did not answer within ${run.seconds} s`
        : run.reason;
  if (tool === 'docker') {
    return {
      ...base,
      status: 'unusable',
      version: null,
      problem: dockerProblem(said, setting),
      fix: dockerStartCommand(said, setting),
    };
  }
  return {
    ...base,
    status: 'unusable',
    version: null,
    problem: `${tool} is installed but does not run: ${said}`,
    fix: installCommand(tool, setting).replace('install -y', 'install -y --reinstall'),
  };
}

/** Checks one tool for real, by running it; never throws. */
export async function checkTool(tool: MachineTool, setting: ProbeSetting): Promise<ToolCheck> {
  const run = await runProbe(tool, PROBES[tool], {
    env: setting.env,
    timeoutMs: setting.timeoutMs,
  });
  return judgeProbe(tool, run, setting);
}
