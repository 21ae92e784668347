import type { MachineReport, ToolCheck } from '../../../shared/doctor';

/** A tool that works, blocking `blocks` when it would be missing. */
export const ok = (tool: ToolCheck['tool'], blocks: ToolCheck['blocks']): ToolCheck => ({
  tool,
  status: 'ok',
  version: '1.0',
  problem: null,
  fix: null,
  purpose: 'a purpose',
  blocks,
});

/** A machine with git and diffoscope, where the given checks replace the working ones. */
export function reportWith(...broken: ToolCheck[]): MachineReport {
  const tools: ToolCheck[] = [
    ok('git', [
      { step: 'tag', only: null },
      { step: 'rebuild', only: null },
    ]),
    ok('diffoscope', [{ step: 'review', only: "diffoscope's report" }]),
  ];
  return {
    checkedAt: '2026-12-02T00:00:00.000Z',
    tools: tools.map((tool) => broken.find((other) => other.tool === tool.tool) ?? tool),
  };
}

/** git not installed: Tag and Rebuild cannot run. */
export const gitMissing: ToolCheck = {
  ...ok('git', [
    { step: 'tag', only: null },
    { step: 'rebuild', only: null },
  ]),
  status: 'missing',
  version: null,
  problem: 'git is not installed (not found on the PATH).',
  fix: 'apt-get install -y git',
};
