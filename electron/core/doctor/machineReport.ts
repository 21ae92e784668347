import { existsSync } from 'node:fs';
import { MACHINE_TOOLS, type MachineReport } from '../../../shared/doctor';
import { checkTool } from './checkTool';

export interface MachineCheckOptions {
  /** The environment the tools would run in (PATH, DOCKER_HOST); this process's by default. */
  env?: NodeJS.ProcessEnv;
  /** Each probe's time limit; a Docker engine over ssh:// may take a few seconds to answer. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * What this machine can do: every tool a step runs, checked for real and at
 * once, each with the exact command that installs or starts it when it is
 * missing or unusable. Never throws: a tool that cannot be asked is a finding.
 */
export async function checkMachine(options: MachineCheckOptions = {}): Promise<MachineReport> {
  const env = options.env ?? process.env;
  const setting = {
    env,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    asRoot: process.getuid?.() === 0,
    systemd: existsSync('/run/systemd/system'),
    dockerHost: env.DOCKER_HOST || null,
  };
  const tools = await Promise.all(MACHINE_TOOLS.map((tool) => checkTool(tool, setting)));
  return { checkedAt: new Date().toISOString(), tools };
}
